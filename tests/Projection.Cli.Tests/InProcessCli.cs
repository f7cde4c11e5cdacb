using System.Text;
using Spectre.Console.Cli.Testing;

namespace Projection.Cli.Tests;

/// <summary>
/// Runs the `projection` verbs in this process through Spectre's CommandAppTester, configured as
/// the program configures them (<see cref="CliApp"/>) but writing to strings: for tests where a
/// separate process is not the point (the process tests keep the real program, its exit codes
/// and signals). The default store is the test's own, as <see cref="CliProcess"/> sets it.
/// </summary>
internal static class InProcessCli
{
    private static readonly Lock OneAtATime = new();

    public static CliProcess.Outcome Run(params string[] arguments) =>
        RunWithStore(Path.Combine(AppContext.BaseDirectory, "data", "projection.db"), arguments);

    public static CliProcess.Outcome RunWithStore(string store, params string[] arguments)
    {
        lock (OneAtATime)
        {
            var previous = Environment.GetEnvironmentVariable("PROJECTION_STORE");
            Environment.SetEnvironmentVariable("PROJECTION_STORE", store);
            try
            {
                using var output = new StringWriter();
                using var messages = new StringWriter();
                using var bytes = new MemoryStream();
                var terminal = new Terminal(output, messages, () => new UnclosedStream(bytes), outputRedirected: true);
                var app = new CommandAppTester();
                app.Configure(config => CliApp.Configure(config, terminal, arguments));
                var result = app.Run(arguments);

                // Bytes written as bytes (a CSV) are read back as a process's reader would: UTF-8, its byte order mark taken off.
                using var reader = new StreamReader(new MemoryStream(bytes.ToArray()), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                return new CliProcess.Outcome(result.ExitCode, output + reader.ReadToEnd(), messages.ToString());
            }
            finally
            {
                Environment.SetEnvironmentVariable("PROJECTION_STORE", previous);
            }
        }
    }

    /// <summary>The command closes what it writes to; the bytes stay readable.</summary>
    private sealed class UnclosedStream(MemoryStream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
