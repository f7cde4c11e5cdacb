using System.Text.Json;
using System.Text.Json.Serialization;

namespace Projection.Files;

/// <summary>
/// Writes a number that is not finite (NaN, ±∞) as JSON <c>null</c> and reads <c>null</c> back as
/// NaN. The report shapes already say null where an indicator is undefined
/// (<see cref="ProjectionReports.Defined"/>); this is the net under them, so that no response or
/// stored run can ever hold a number JSON cannot carry, nor stop half-written on one.
/// </summary>
public sealed class FiniteNumberJsonConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
