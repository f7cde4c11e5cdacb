-- wrk script: POST a custom county scenario (higher fertility, 30 years).
wrk.method = "POST"
wrk.body = '{"name":"load","horizon":30,"fertility":{"multiplier":1.1}}'
wrk.headers["Content-Type"] = "application/json"
