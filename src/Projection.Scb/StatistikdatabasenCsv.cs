using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;

namespace Projection.Scb;

/// <summary>
/// Reads the CSV files a planner downloads by hand from SCB's Statistikdatabasen, in the layout
/// PxWeb's CSV serializer writes (docs/scb.md, "Importing downloaded files"): an optional quoted
/// title line followed by an empty line; a heading row naming the stub variables (region, ålder,
/// kön, …) and then one column per combination of the heading variables ("Folkmängd 2023", or
/// just "2023"); one row per stub combination; footnotes after an empty line. Comma, semicolon
/// and tab delimiters, UTF-8 and Windows-1252, decimal comma beside a semicolon, and SCB's missing
/// symbols (.., -, …) are understood. Value texts are turned back into SCB's codes ("1980
/// Västerås" → 1980, "100+ år" → 100+, "kvinnor" → 2, "Inrikes inflyttningar" → BE0101A2), so an
/// imported table is stored exactly like a fetched one.
/// </summary>
public static partial class StatistikdatabasenCsv
{
    private static readonly string[] MissingSymbols = ["", ".", "..", "...", "....", "-", "–"];

    /// <summary>Content texts (Swedish and English) → SCB's content codes.</summary>
    private static readonly Dictionary<string, string> ContentCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["folkmängd"] = "BE0101N1",
        ["folkmängden"] = "BE0101N1",
        ["population"] = "BE0101N1",
        ["levande födda"] = "BE0101E2",
        ["födda"] = "BE0101E2",
        ["live births"] = "BE0101E2",
        ["döda"] = "BE0101D9",
        ["deaths"] = "BE0101D9",
        ["inrikes inflyttningar"] = "BE0101A2",
        ["domestic in-migration"] = "BE0101A2",
        ["inrikes utflyttningar"] = "BE0101A3",
        ["domestic out-migration"] = "BE0101A3",
        ["invandringar"] = "BE0101AX",
        ["immigrations"] = "BE0101AX",
        ["immigrants"] = "BE0101AX",
        ["utvandringar"] = "BE0101AY",
        ["inflyttningar"] = "BE0101AU",
        ["utflyttningar"] = "BE0101AV",
        ["flyttningsöverskott"] = "BE0101AZ",
        ["invandringsöverskott"] = "BE0101A1",
        ["inrikes flyttningsöverskott"] = "BE0101A4",
        ["emigrations"] = "BE0101AY",
        ["emigrants"] = "BE0101AY",
    };

    private const string KnownContents = "Folkmängd, Levande födda, Döda, Inrikes inflyttningar, Inrikes utflyttningar, Invandringar, Utvandringar";

    /// <summary>Parses a downloaded file. Anything short of a complete table throws <see cref="ScbFormatException"/> naming <paramref name="file"/> and the line.</summary>
    /// <param name="content">The file's bytes (the encoding is detected).</param>
    /// <param name="file">The file's name, for messages and the table id.</param>
    /// <param name="sourceName">population, births, deaths or migration when known (supplies the content of a file whose columns are only years); null to infer.</param>
    public static ScbTable Parse(byte[] content, string file, string? sourceName) => Read(content, file, sourceName).Table;

    /// <summary>
    /// As <see cref="Parse"/>, and says what reading it took beyond copying: variables summed over
    /// (civilstånd and the like, as SCB does when they are left out) and contents checked against
    /// their parts and left out (the migration file's totals and nets).
    /// </summary>
    public static (ScbTable Table, IReadOnlyList<string> Remarks) Read(byte[] content, string file, string? sourceName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var remarks = new List<string>();
        var text = Decode(content);
        var heading = ReadHeading(text, file, remarks);
        var body = ReadRows(heading, file, sourceName);
        CheckDerivedContents(body.Cells, body.Codes, file, remarks);
        return (ToTable(heading, body, file), remarks);
    }

    /// <summary>
    /// The heading of a download: its title (if any), delimiter and columns; the stub variables in
    /// the rows (those summed over among them), and what each value column holds (content, year).
    /// </summary>
    private sealed record Heading(
        string Title,
        int Line,
        char Delimiter,
        List<Record> Records,
        int At,
        List<string> Columns,
        List<string> Stub,
        HashSet<string> Summed,
        List<string> Kept,
        bool ContentInStub,
        List<(string? Content, string? Year)> ValueColumns);

    /// <summary>The cells read, by key (the kept variables' codes, content, year), and each variable's codes and labels in order of appearance.</summary>
    private sealed record Body(
        Dictionary<string, (double Value, string? Status, int Line)> Cells,
        Dictionary<string, List<string>> Codes,
        Dictionary<string, Dictionary<string, string>> Labels,
        List<string> Notes);

    private static Heading ReadHeading(string text, string file, List<string> remarks)
    {
        // The title and the heading are found on the records as a comma reads them (a quoted title is one field whatever the delimiter).
        var records = Records(text, ',', file);
        var at = NextNonEmpty(records, 0);
        if (at >= records.Count)
        {
            throw new ScbFormatException($"{file}: the file is empty.");
        }

        var first = records[at].Fields[0];
        if (first.StartsWith('<') || first.StartsWith('{'))
        {
            throw new ScbFormatException($"{file}, line {records[at].Line + 1}: this is not a CSV file from Statistikdatabasen (it looks like HTML or JSON).");
        }

        var title = "";
        if (records[at].Fields.Length == 1 && at + 1 < records.Count && records[at + 1].IsEmpty)
        {
            title = first;
            at = NextNonEmpty(records, at + 1);
        }

        if (at >= records.Count)
        {
            throw new ScbFormatException($"{file}: the file has a title but no table.");
        }

        var headerLine = records[at].Line;
        var delimiter = Delimiter(text, headerLine, file);
        if (delimiter != ',')
        {
            records = Records(text, delimiter, file);
            at = records.FindIndex(r => r.Line == headerLine);
        }

        var header = records[at].Fields;
        var stub = new List<string>();
        var summed = new HashSet<string>(StringComparer.Ordinal);
        while (stub.Count < header.Length && (StubVariable(header[stub.Count]) ?? Eliminable(header[stub.Count])) is { } variable)
        {
            if (Eliminable(header[stub.Count]) is not null)
            {
                summed.Add(variable);
            }

            if (stub.Contains(variable))
            {
                throw new ScbFormatException($"{file}, line {headerLine + 1}: the variable '{header[stub.Count]}' appears twice; download with one column per variable.");
            }

            stub.Add(variable);
        }

        if (stub.Count == 0 || !stub.Contains("Region"))
        {
            throw new ScbFormatException($"{file}, line {headerLine + 1}: the first column must be region; found '{header[0]}'. Put region, age and sex in the rows when downloading.");
        }

        if (summed.Count > 0)
        {
            remarks.Add($"summed over {string.Join(", ", summed.Select(v => $"{v} ({EliminableTexts[v]})"))}, as SCB sums a variable that is left out of a table.");
        }

        var yearInStub = stub.Contains("Tid");
        var contentInStub = stub.Contains("ContentsCode");
        var columns = new List<(string? Content, string? Year)>();
        for (var c = stub.Count; c < header.Length; c++)
        {
            columns.Add(HeadingColumn(header[c], yearInStub, contentInStub, file, headerLine, c));
        }

        if (columns.Count == 0)
        {
            throw new ScbFormatException($"{file}, line {headerLine + 1}: no value columns after {string.Join(", ", header)}.");
        }

        return new Heading(title, headerLine, delimiter, records, at, [.. header], stub, summed, stub.Where(v => !summed.Contains(v)).ToList(), contentInStub, columns);
    }

    private static Body ReadRows(Heading heading, string file, string? sourceName)
    {
        var (header, stub, summed) = (heading.Columns, heading.Stub, heading.Summed);
        var cells = new Dictionary<string, (double Value, string? Status, int Line)>(StringComparer.Ordinal);
        var codes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var labels = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        void Remember(string variable, string code, string label)
        {
            if (!codes.TryGetValue(variable, out var list))
            {
                codes[variable] = list = [];
                labels[variable] = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            if (!list.Contains(code))
            {
                list.Add(code);
                labels[variable][code] = label;
            }
        }

        var records = heading.Records;
        var at = heading.At + 1;
        var totalsSkipped = 0;
        var parts = new HashSet<string>(StringComparer.Ordinal);
        for (; at < records.Count && !records[at].IsEmpty; at++)
        {
            var (line, fields) = records[at];
            if (fields.Length != header.Count)
            {
                throw new ScbFormatException($"{file}, line {line + 1}: {fields.Length} fields where the heading has {header.Count}; the file may have been cut off or edited.");
            }

            var rowCodes = new Dictionary<string, string>(StringComparer.Ordinal);
            var total = false;
            var summedCodes = new List<string>();
            for (var s = 0; s < stub.Count; s++)
            {
                if (summed.Contains(stub[s]))
                {
                    var lowered = fields[s].Trim().ToLowerInvariant();
                    total |= lowered.StartsWith("totalt", StringComparison.Ordinal) || lowered is "total" or "tot" or "samtliga";
                    summedCodes.Add(fields[s].Trim());
                    continue;
                }

                var (code, label) = StubValue(stub[s], fields[s], file, line, s);
                total |= code is null;
                if (code is not null)
                {
                    rowCodes[stub[s]] = code;
                    Remember(stub[s], code, label);
                }
            }

            if (total)
            {
                // A row of totals ("totalt ålder", "totalt") would count people twice once summed by age or sex.
                totalsSkipped++;
                continue;
            }

            for (var c = 0; c < heading.ValueColumns.Count; c++)
            {
                var contentCode = heading.ValueColumns[c].Content ?? (heading.ContentInStub ? rowCodes["ContentsCode"] : DefaultContent(sourceName, file, heading.Line));
                var year = heading.ValueColumns[c].Year ?? rowCodes["Tid"];
                Remember("ContentsCode", contentCode, contentCode);
                Remember("Tid", year, year);
                var key = Key(heading.Kept.Where(v => v is not "Tid" and not "ContentsCode").Select(v => rowCodes[v]).Append(contentCode).Append(year));
                var (value, status) = Number(fields[stub.Count + c], heading.Delimiter, file, line, stub.Count + c);
                var part = Key(summedCodes.Append(key));
                if (!parts.Add(part) && cells.TryGetValue(key, out var earlier))
                {
                    throw new ScbFormatException($"{file}, line {line + 1}: the same cell as line {earlier.Line + 1} ({string.Join(", ", fields.Take(stub.Count))}, {header[stub.Count + c]}).");
                }

                // A variable summed over: its parts add up into the cell; a missing part leaves the sum missing.
                cells[key] = cells.TryGetValue(key, out var sum)
                    ? (sum.Value + value, sum.Status ?? status, sum.Line)
                    : (value, status, line);
            }
        }

        var notes = records.Skip(at).Where(r => !r.IsEmpty).Select(r => string.Join($"{heading.Delimiter} ", r.Fields)).ToList();
        if (cells.Count == 0)
        {
            throw new ScbFormatException($"{file}: no data rows under the heading on line {heading.Line + 1}{(totalsSkipped > 0 ? " (only totals)" : "")}.");
        }

        return new Body(cells, codes, labels, notes);
    }

    /// <summary>The cells as a table: every combination of the variables' codes, in SCB's order (the kept variables, content, year); a missing one is refused.</summary>
    private static ScbTable ToTable(Heading heading, Body body, string file)
    {
        var order = heading.Kept.Where(v => v is not "Tid" and not "ContentsCode").Append("ContentsCode").Append("Tid").ToList();
        var dimensions = order
            .Select(v => new ScbDimension(v, v, body.Codes[v], body.Labels[v], v is not "Tid" and not "ContentsCode"))
            .ToList();
        var values = new double[dimensions.Aggregate(1L, (n, d) => n * d.Codes.Count) is var size and <= int.MaxValue ? (int)size : throw new ScbFormatException($"{file}: too many cells.")];
        var statuses = new Dictionary<int, string>();
        var table = new ScbTable($"csv:{Path.GetFileName(file)}", heading.Title, null, dimensions, values, statuses, body.Notes);
        var cellCodes = new string[dimensions.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var rest = i;
            for (var d = dimensions.Count - 1; d >= 0; d--)
            {
                cellCodes[d] = dimensions[d].Codes[rest % dimensions[d].Codes.Count];
                rest /= dimensions[d].Codes.Count;
            }

            if (!body.Cells.TryGetValue(Key(cellCodes), out var cell))
            {
                throw new ScbFormatException(
                    $"{file}: no value for {string.Join(", ", dimensions.Select((d, k) => $"{d.Id} {cellCodes[k]}"))}; a table must hold every combination of its values. Was the download cut short?");
            }

            values[i] = cell.Value;
            if (cell.Status is not null)
            {
                statuses[i] = cell.Status;
            }
        }

        return table;
    }

    /// <summary>
    /// Variables SCB lets a table leave out (and then sums over) that the service does not need:
    /// by code and by the texts of both languages. Any other variable changes what a number means
    /// and is refused by name.
    /// </summary>
    private static string? Eliminable(string heading) => heading.Trim().ToLowerInvariant() switch
    {
        "civilstand" or "civilstånd" or "marital status" => "Civilstand",
        "fodelseregion" or "födelseregion" or "region of birth" => "Fodelseregion",
        "inrikesutrikes" or "inrikes/utrikes född" or "inrikes eller utrikes född" or "swedish/foreign born" or "born in sweden/abroad" => "InrikesUtrikes",
        _ => null,
    };

    private static readonly Dictionary<string, string> EliminableTexts = new(StringComparer.Ordinal)
    {
        ["Civilstand"] = "civilstånd",
        ["Fodelseregion"] = "födelseregion",
        ["InrikesUtrikes"] = "inrikes/utrikes född",
    };

    /// <summary>The migration table's derived contents: net = in − out, each checked against its parts.</summary>
    private static readonly (string Derived, string Plus, string Minus, string Text)[] DerivedContents =
    [
        ("BE0101AZ", "BE0101AU", "BE0101AV", "flyttningsöverskott = inflyttningar − utflyttningar"),
        ("BE0101A1", "BE0101AX", "BE0101AY", "invandringsöverskott = invandringar − utvandringar"),
        ("BE0101A4", "BE0101A2", "BE0101A3", "inrikes flyttningsöverskott = inrikes inflyttningar − inrikes utflyttningar"),
    ];

    /// <summary>Contents that are sums or nets of the four flows the service reads: checked where their parts are there, then not stored.</summary>
    private static readonly HashSet<string> NotStoredContents = new(StringComparer.Ordinal) { "BE0101AU", "BE0101AV", "BE0101AZ", "BE0101A1", "BE0101A4" };

    /// <summary>
    /// Checks every derived content against its parts (within 0.5, SCB's rounding) and refuses the
    /// file at the first row where one does not hold; then drops the contents the service does not
    /// store, so that nothing is stored twice.
    /// </summary>
    private static void CheckDerivedContents(Dictionary<string, (double Value, string? Status, int Line)> cells, Dictionary<string, List<string>> codes, string file, List<string> remarks)
    {
        if (!codes.TryGetValue("ContentsCode", out var contents) || !contents.Any(NotStoredContents.Contains))
        {
            return;
        }

        var checkedContents = new List<string>();
        foreach (var (derived, plus, minus, text) in DerivedContents)
        {
            if (!contents.Contains(derived) || !contents.Contains(plus) || !contents.Contains(minus))
            {
                continue;
            }

            foreach (var (key, cell) in cells)
            {
                var parts = key.Split('\u001f');
                if (parts[^2] != derived || double.IsNaN(cell.Value))
                {
                    continue;
                }

                string With(string content) => Key(parts.Take(parts.Length - 2).Append(content).Append(parts[^1]));
                if (cells.TryGetValue(With(plus), out var plusCell) && cells.TryGetValue(With(minus), out var minusCell)
                    && !double.IsNaN(plusCell.Value) && !double.IsNaN(minusCell.Value)
                    && Math.Abs(cell.Value - (plusCell.Value - minusCell.Value)) > 0.5)
                {
                    throw new ScbFormatException($"{file}, line {cell.Line + 1}: {derived} is {cell.Value.ToString(CultureInfo.InvariantCulture)} but {plus} − {minus} is {(plusCell.Value - minusCell.Value).ToString(CultureInfo.InvariantCulture)} ({text}); the file does not add up. Nothing was stored.");
                }
            }

            checkedContents.Add(derived);
        }

        var dropped = contents.Where(NotStoredContents.Contains).ToList();
        foreach (var key in cells.Keys.Where(k => NotStoredContents.Contains(k.Split('\u001f')[^2])).ToList())
        {
            cells.Remove(key);
        }

        contents.RemoveAll(NotStoredContents.Contains);
        if (contents.Count == 0)
        {
            throw new ScbFormatException($"{file}: only totals and nets of migration ({string.Join(", ", dropped)}); the service needs the flows BE0101A2, A3, AX and AY.");
        }

        remarks.Add($"{(checkedContents.Count > 0 ? $"checked {string.Join(", ", checkedContents)} against their parts; " : "")}left out {string.Join(", ", dropped)} (totals and nets of the flows the service keeps).");
    }

    /// <summary>The source a table holds, from its content codes: population, births, deaths or migration; null when they do not say.</summary>
    public static string? SourceNameOf(ScbTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.HasDimension("ContentsCode"))
        {
            return null;
        }

        var names = table.Dimension("ContentsCode").Codes.Select(code => code switch
        {
            "BE0101N1" => "population",
            "BE0101E2" => "births",
            "BE0101D9" or "BE0101D8" => "deaths",
            "BE0101A2" or "BE0101A3" or "BE0101AX" or "BE0101AY" => "migration",
            _ => null,
        }).Distinct().ToList();
        return names.Count == 1 ? names[0] : null;
    }

    private static string Key(IEnumerable<string> codes) => string.Join('\u001f', codes);

    private static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }

        if (content.AsSpan().StartsWith(Encoding.Unicode.Preamble))
        {
            return Encoding.Unicode.GetString(content, 2, content.Length - 2);
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            // Statistikdatabasen's older downloads are Windows-1252; for the letters SCB uses (å, ä, ö, é) it agrees with Latin-1, which .NET has built in.
            return Encoding.Latin1.GetString(content);
        }
    }

    /// <summary>One record of the file: the line it starts on (from 0) and its fields, unquoted and trimmed.</summary>
    private sealed record Record(int Line, string[] Fields)
    {
        public bool IsEmpty => Fields.Length == 1 && Fields[0].Length == 0;
    }

    /// <summary>
    /// The file's records as Sep reads them with <paramref name="delimiter"/>: quotes, doubled quotes
    /// and delimiters inside quotes handled, every field trimmed. A field that runs over a line break
    /// has an unclosed quote (SCB never breaks a line inside a field) and is refused.
    /// </summary>
    private static List<Record> Records(string text, char delimiter, string file)
    {
        var records = new List<Record>();
        using var reader = Sep.New(delimiter)
            .Reader(options => options with { HasHeader = false, Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true })
            .FromText(text);
        foreach (var row in reader)
        {
            // Sep numbers lines from 1, but says 2 for the first row when there is no header row; every row after it is right.
            var line = records.Count == 0 ? 0 : row.LineNumberFrom - 1;
            var fields = new string[row.ColCount];
            for (var c = 0; c < fields.Length; c++)
            {
                fields[c] = row[c].ToString();
                if (fields[c].Contains('\n', StringComparison.Ordinal))
                {
                    throw new ScbFormatException($"{file}, line {line + 1}: a quoted field is not closed.");
                }
            }

            records.Add(new Record(line, fields));
        }

        return records;
    }

    private static int NextNonEmpty(List<Record> records, int from)
    {
        while (from < records.Count && records[from].IsEmpty)
        {
            from++;
        }

        return from;
    }

    /// <summary>The delimiter of the heading on <paramref name="headerLine"/>: of comma, semicolon and tab, the one that gives it most columns.</summary>
    private static char Delimiter(string text, int headerLine, string file)
    {
        // The heading's own line, found without splitting the whole file.
        var start = 0;
        for (var line = 0; line < headerLine; line++)
        {
            start = text.IndexOf('\n', start) + 1;
        }

        var length = text.IndexOf('\n', start) is var newline and >= 0 ? newline - start : text.Length - start;
        var header = text.Substring(start, length).TrimEnd('\r');
        var best = ',';
        var most = 0;
        foreach (var candidate in new[] { ',', ';', '\t' })
        {
            var count = Records(header, candidate, file)[0].Fields.Length;
            if (count > most)
            {
                (best, most) = (candidate, count);
            }
        }

        return best;
    }

    /// <summary>The SCB variable a column heading names, or null when it is not a stub variable the service reads.</summary>
    private static string? StubVariable(string heading)
    {
        var name = heading.Trim().ToLowerInvariant();
        return name switch
        {
            "region" => "Region",
            _ when name.Contains("moder", StringComparison.Ordinal) || name.Contains("mother", StringComparison.Ordinal) => "AlderModer",
            "ålder" or "age" or "alder" => "Alder",
            _ when name.StartsWith("ålder ", StringComparison.Ordinal) || name.StartsWith("age ", StringComparison.Ordinal) => "Alder",
            "kön" or "sex" or "barnets kön" or "child's sex" or "sex of child" or "kon" => "Kon",
            "år" or "year" or "tid" => "Tid",
            "tabellinnehåll" or "contents" or "observations" or "contentscode" => "ContentsCode",
            _ => null,
        };
    }

    private static (string? Content, string? Year) HeadingColumn(string heading, bool yearInStub, bool contentInStub, string file, int line, int column)
    {
        var match = YearPattern().Match(heading);
        string? year = null;
        var rest = heading.Trim();
        if (!yearInStub)
        {
            if (!match.Success)
            {
                throw new ScbFormatException($"{file}, line {line + 1}, column {column + 1}: '{heading}' is neither a year nor a variable the service reads (region, ålder, moderns ålder, kön, år, tabellinnehåll; as codes Region, Alder, AlderModer, Kon, Tid, ContentsCode) or sums over (civilstånd, födelseregion, inrikes/utrikes född). Download the table without '{heading}'.");
            }

            year = match.Groups[1].Value;
            rest = (heading[..match.Index] + heading[(match.Index + match.Length)..]).Trim();
        }

        if (contentInStub || rest.Length == 0)
        {
            return (null, year);
        }

        return ContentCodes.TryGetValue(rest, out var code) || (rest.StartsWith("BE0101", StringComparison.Ordinal) && (code = rest) is not null)
            ? (code, year)
            : throw new ScbFormatException($"{file}, line {line + 1}, column {column + 1}: '{rest}' is not a content the service reads ({KnownContents}).");
    }

    private static string DefaultContent(string? sourceName, string file, int line) => sourceName switch
    {
        "population" => "BE0101N1",
        "births" => "BE0101E2",
        "deaths" => "BE0101D9",
        _ => throw new ScbFormatException($"{file}, line {line + 1}: the columns are years only, so the file does not say what it counts; name it population-…, births-… or deaths-…, or download with the content (tabellinnehåll) in the heading."),
    };

    /// <summary>A stub cell's SCB code and text; a null code marks a total row.</summary>
    private static (string? Code, string Label) StubValue(string variable, string text, string file, int line, int column)
    {
        var lower = text.Trim().ToLowerInvariant();
        string Fail(string why) => throw new ScbFormatException($"{file}, line {line + 1}, column {column + 1}: {why}");
        if (lower.StartsWith("totalt", StringComparison.Ordinal) || lower is "total" or "tot" or "båda könen" or "both sexes" or "samtliga")
        {
            return variable is "Region" or "Tid" or "ContentsCode" ? (Fail($"'{text}' is a total where a {variable} is expected."), "") : (null, text);
        }

        switch (variable)
        {
            case "Region":
                var region = RegionPattern().Match(text.Trim());
                return region.Success
                    ? (region.Groups[1].Value, region.Groups[2].Success ? region.Groups[2].Value.Trim() : region.Groups[1].Value)
                    : lower is "riket" or "sweden" ? ("00", text.Trim())
                    : (Fail($"region '{text}' carries no code; download with code and text (\"1980 Västerås\") or codes."), "");
            case "Alder":
            case "AlderModer":
                if (lower is "uppgift saknas" or "us" or "no information")
                {
                    return variable == "AlderModer" ? ("us", text) : (Fail($"age '{text}' is unknown; only a mother's age may be."), "");
                }

                var age = AgePattern().Match(lower);
                return age.Success ? (age.Groups[1].Value, text) : (Fail($"age '{text}' is not a single year such as \"0 år\" or an open group such as \"100+ år\"."), "");
            case "Kon":
                return lower switch
                {
                    "män" or "men" or "pojkar" or "boys" or "1" => ("1", text),
                    "kvinnor" or "women" or "flickor" or "girls" or "2" => ("2", text),
                    _ => (Fail($"sex '{text}' is not män/kvinnor (men/women) or 1/2."), ""),
                };
            case "Tid":
                return YearPattern().Match(lower) is { Success: true } year && year.Value.Length == lower.Length ? (lower, text) : (Fail($"year '{text}' is not a year."), "");
            default:
                return ContentCodes.TryGetValue(text.Trim(), out var content) ? (content, text)
                    : text.Trim().StartsWith("BE0101", StringComparison.Ordinal) ? (text.Trim(), text)
                    : (Fail($"'{text}' is not a content the service reads."), "");
        }
    }

    private static (double Value, string? Status) Number(string text, char delimiter, string file, int line, int column)
    {
        var trimmed = text.Trim();
        if (MissingSymbols.Contains(trimmed))
        {
            return (double.NaN, trimmed.Length == 0 ? ".." : trimmed);
        }

        var plain = trimmed.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        if (delimiter != ',')
        {
            plain = plain.Replace(',', '.');
        }

        return double.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? (value, null)
            : throw new ScbFormatException($"{file}, line {line + 1}, column {column + 1}: '{text}' is not a number or one of SCB's missing symbols (.., -).");
    }

    [GeneratedRegex(@"(?<![\dA-Za-z])(\d{4})(?![\dA-Za-z])")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^(\d{2}|\d{4})(?:\s+(.+))?$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^(-?\d{1,3}\+?)(?:\s*(?:år|years?))?$")]
    private static partial Regex AgePattern();
}
