using System.Globalization;
using System.Text.Json;

namespace Projection.Scb;

/// <summary>
/// Reads json-stat2 (https://json-stat.org/format/), the format SCB's PxWeb APIs answer with:
/// <c>id</c> and <c>size</c> list the dimensions, <c>dimension.X.category.index</c> orders each
/// one's codes and <c>.label</c> names them, <c>value</c> holds the cells row-major (the last
/// dimension fastest; null where missing), <c>status</c> marks cells with symbols such as "..",
/// and <c>extension.px.tableid</c> names the table. The older json-stat 1.x form that PxWeb v1
/// also serves (a <c>dataset</c> wrapper with id and size inside <c>dimension</c>) is read too.
/// </summary>
public static class JsonStat2
{
    /// <summary>Parses a response body; anything short of a complete, consistent table throws <see cref="ScbFormatException"/> naming <paramref name="source"/>.</summary>
    public static ScbTable Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var trimmed = json.TrimStart();
        if (trimmed.StartsWith('<'))
        {
            throw new ScbFormatException($"{source}: SCB answered with an HTML page, not json-stat2.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ScbFormatException($"{source}: the response is not complete JSON ({e.Message}); it may have been cut off.", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("dataset", out var dataset))
            {
                root = dataset;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("dimension", out var dimensions))
            {
                throw new ScbFormatException($"{source}: no 'dimension' object: not a json-stat2 dataset.");
            }

            var layout = root.TryGetProperty("id", out _) ? root : dimensions;
            var ids = Strings(layout, "id", source);
            var sizes = Integers(layout, "size", source);
            if (ids.Count != sizes.Count || ids.Count == 0)
            {
                throw new ScbFormatException($"{source}: 'id' and 'size' must list the same dimensions.");
            }

            var parsed = new List<ScbDimension>();
            for (var d = 0; d < ids.Count; d++)
            {
                if (!dimensions.TryGetProperty(ids[d], out var dimension))
                {
                    throw new ScbFormatException($"{source}: dimension '{ids[d]}' is listed in 'id' but not described.");
                }

                parsed.Add(Dimension(ids[d], dimension, sizes[d], source));
            }

            var expected = 1L;
            foreach (var size in sizes)
            {
                expected *= size;
            }

            var (values, status) = Values(root, expected, source);
            var tableId = root.TryGetProperty("extension", out var extension) && extension.TryGetProperty("px", out var px) && px.TryGetProperty("tableid", out var id)
                ? id.GetString() ?? ""
                : "";
            DateTimeOffset? updated = root.TryGetProperty("updated", out var updatedElement)
                && DateTimeOffset.TryParse(updatedElement.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
                ? when
                : null;
            var notes = new List<string>();
            if (root.TryGetProperty("note", out var noteElement) && noteElement.ValueKind == JsonValueKind.Array)
            {
                notes.AddRange(noteElement.EnumerateArray().Select(n => n.GetString() ?? ""));
            }

            var label = root.TryGetProperty("label", out var labelElement) ? labelElement.GetString() ?? "" : "";
            return new ScbTable(tableId, label, updated, parsed, values, status, notes);
        }
    }

    /// <summary>Writes a table as json-stat2, in the form <see cref="Parse"/> reads: the store keeps tables this way.</summary>
    public static string Write(ScbTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("version", "2.0");
            writer.WriteString("class", "dataset");
            writer.WriteString("label", table.Label);
            if (table.Updated is { } updated)
            {
                writer.WriteString("updated", updated.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }

            writer.WriteStartArray("note");
            foreach (var note in table.Notes)
            {
                writer.WriteStringValue(note);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("id");
            foreach (var dimension in table.Dimensions)
            {
                writer.WriteStringValue(dimension.Id);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("size");
            foreach (var dimension in table.Dimensions)
            {
                writer.WriteNumberValue(dimension.Codes.Count);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("dimension");
            foreach (var dimension in table.Dimensions)
            {
                writer.WriteStartObject(dimension.Id);
                writer.WriteString("label", dimension.Label);
                writer.WriteStartObject("category");
                writer.WriteStartObject("index");
                for (var i = 0; i < dimension.Codes.Count; i++)
                {
                    writer.WriteNumber(dimension.Codes[i], i);
                }

                writer.WriteEndObject();
                writer.WriteStartObject("label");
                foreach (var code in dimension.Codes)
                {
                    writer.WriteString(code, dimension.Labels.TryGetValue(code, out var label) ? label : code);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteStartObject("extension");
                writer.WriteBoolean("elimination", dimension.Elimination);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("extension");
            writer.WriteStartObject("px");
            writer.WriteString("tableid", table.TableId);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("value");
            foreach (var value in table.Values)
            {
                if (double.IsNaN(value))
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteNumberValue(value);
                }
            }

            writer.WriteEndArray();
            if (table.Status.Count > 0)
            {
                writer.WriteStartObject("status");
                foreach (var (index, symbol) in table.Status.OrderBy(kv => kv.Key))
                {
                    writer.WriteString(index.ToString(CultureInfo.InvariantCulture), symbol);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads the dimensions of a json-stat2 metadata response (PxWeb v2 <c>/tables/{id}/metadata</c>), which has no values.</summary>
    public static IReadOnlyList<ScbDimension> ParseMetadata(string json, string source)
    {
        if (json.TrimStart().StartsWith('<'))
        {
            throw new ScbFormatException($"{source}: SCB answered with an HTML page, not json-stat2 metadata.");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("dimension", out var dimensions))
            {
                throw new ScbFormatException($"{source}: no 'dimension' object in the metadata.");
            }

            var ids = Strings(root, "id", source);
            var sizes = Integers(root, "size", source);
            return ids.Select((id, d) => Dimension(id, dimensions.GetProperty(id), sizes[d], source)).ToList();
        }
        catch (JsonException e)
        {
            throw new ScbFormatException($"{source}: the metadata is not complete JSON ({e.Message}).", e);
        }
        catch (KeyNotFoundException e)
        {
            throw new ScbFormatException($"{source}: a dimension listed in 'id' is not described.", e);
        }
    }

    /// <summary>Reads PxWeb v1 table metadata: <c>{"title", "variables": [{"code", "text", "values", "valueTexts", "elimination", "time"}]}</c>.</summary>
    public static IReadOnlyList<ScbDimension> ParseV1Metadata(string json, string source)
    {
        if (json.TrimStart().StartsWith('<'))
        {
            throw new ScbFormatException($"{source}: SCB answered with an HTML page, not table metadata.");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("variables", out var variables))
            {
                throw new ScbFormatException($"{source}: no 'variables' in the metadata.");
            }

            var result = new List<ScbDimension>();
            foreach (var variable in variables.EnumerateArray())
            {
                var code = variable.GetProperty("code").GetString() ?? "";
                var values = variable.GetProperty("values").EnumerateArray().Select(v => v.GetString() ?? "").ToList();
                var texts = variable.TryGetProperty("valueTexts", out var t) ? t.EnumerateArray().Select(v => v.GetString() ?? "").ToList() : values;
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < values.Count; i++)
                {
                    labels[values[i]] = i < texts.Count ? texts[i] : values[i];
                }

                var elimination = variable.TryGetProperty("elimination", out var e) && e.ValueKind == JsonValueKind.True;
                result.Add(new ScbDimension(code, variable.TryGetProperty("text", out var text) ? text.GetString() ?? code : code, values, labels, elimination));
            }

            return result;
        }
        catch (JsonException e)
        {
            throw new ScbFormatException($"{source}: the metadata is not complete JSON ({e.Message}).", e);
        }
        catch (KeyNotFoundException e)
        {
            throw new ScbFormatException($"{source}: a variable lacks its code or values.", e);
        }
    }

    private static ScbDimension Dimension(string id, JsonElement dimension, int size, string source)
    {
        if (!dimension.TryGetProperty("category", out var category))
        {
            throw new ScbFormatException($"{source}: dimension '{id}' has no category.");
        }

        var codes = new string[size];
        if (category.TryGetProperty("index", out var index))
        {
            if (index.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in index.EnumerateObject())
                {
                    var position = entry.Value.GetInt32();
                    if (position < 0 || position >= size)
                    {
                        throw new ScbFormatException($"{source}: dimension '{id}' puts '{entry.Name}' at {position}, outside its size {size}.");
                    }

                    codes[position] = entry.Name;
                }
            }
            else if (index.ValueKind == JsonValueKind.Array)
            {
                var position = 0;
                foreach (var entry in index.EnumerateArray())
                {
                    if (position >= size)
                    {
                        throw new ScbFormatException($"{source}: dimension '{id}' lists more codes than its size {size}.");
                    }

                    codes[position++] = entry.GetString() ?? "";
                }
            }
        }
        else if (size == 1 && category.TryGetProperty("label", out var onlyLabel))
        {
            codes[0] = onlyLabel.EnumerateObject().First().Name;
        }

        if (codes.Any(c => c is null))
        {
            throw new ScbFormatException($"{source}: dimension '{id}' does not give a code for each of its {size} positions.");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (category.TryGetProperty("label", out var labelElement))
        {
            foreach (var entry in labelElement.EnumerateObject())
            {
                labels[entry.Name] = entry.Value.GetString() ?? entry.Name;
            }
        }

        var elimination = dimension.TryGetProperty("extension", out var extension)
            && extension.TryGetProperty("elimination", out var eliminationElement)
            && eliminationElement.ValueKind == JsonValueKind.True;
        var text = dimension.TryGetProperty("label", out var dimensionLabel) ? dimensionLabel.GetString() ?? id : id;
        return new ScbDimension(id, text, codes, labels, elimination);
    }

    private static (double[] Values, IReadOnlyDictionary<int, string> Status) Values(JsonElement root, long expected, string source)
    {
        if (!root.TryGetProperty("value", out var valueElement))
        {
            throw new ScbFormatException($"{source}: no 'value': the table has no data.");
        }

        var status = new Dictionary<int, string>();
        if (root.TryGetProperty("status", out var statusElement))
        {
            if (statusElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in statusElement.EnumerateObject())
                {
                    status[int.Parse(entry.Name, CultureInfo.InvariantCulture)] = entry.Value.GetString() ?? "";
                }
            }
            else if (statusElement.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var entry in statusElement.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.String)
                    {
                        status[i] = entry.GetString()!;
                    }

                    i++;
                }
            }
        }

        var values = new double[expected];
        if (valueElement.ValueKind == JsonValueKind.Array)
        {
            var count = valueElement.GetArrayLength();
            if (count != expected)
            {
                throw new ScbFormatException($"{source}: {count} values where the dimensions promise {expected}: truncated, or the table's layout changed.");
            }

            var i = 0;
            foreach (var entry in valueElement.EnumerateArray())
            {
                values[i++] = entry.ValueKind == JsonValueKind.Number ? entry.GetDouble() : double.NaN;
            }
        }
        else if (valueElement.ValueKind == JsonValueKind.Object)
        {
            Array.Fill(values, double.NaN);
            foreach (var entry in valueElement.EnumerateObject())
            {
                var position = int.Parse(entry.Name, CultureInfo.InvariantCulture);
                if (position < 0 || position >= expected)
                {
                    throw new ScbFormatException($"{source}: value index {position} is outside the table.");
                }

                values[position] = entry.Value.ValueKind == JsonValueKind.Number ? entry.Value.GetDouble() : double.NaN;
            }
        }
        else
        {
            throw new ScbFormatException($"{source}: 'value' must be an array or an object.");
        }

        return (values, status);
    }

    private static List<string> Strings(JsonElement element, string name, string source)
    {
        if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new ScbFormatException($"{source}: no '{name}' array.");
        }

        return array.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
    }

    private static List<int> Integers(JsonElement element, string name, string source)
    {
        if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new ScbFormatException($"{source}: no '{name}' array.");
        }

        return array.EnumerateArray().Select(e => e.GetInt32()).ToList();
    }
}
