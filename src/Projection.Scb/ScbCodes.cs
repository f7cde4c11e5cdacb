namespace Projection.Scb;

/// <summary>Value codes SCB uses beside the ordinary ones.</summary>
public static class ScbCodes
{
    /// <summary>
    /// True for a code that stands for the sum of a variable's other values: "tot" (e.g. all ages,
    /// all mothers' ages), "totalt", "total", "samtliga". Such cells are left out when a table is
    /// read (the parts are there; counting both would double the sum) and not asked for in a fetch.
    /// </summary>
    public static bool IsTotal(string code) =>
        code.Equals("tot", StringComparison.OrdinalIgnoreCase)
        || code.Equals("totalt", StringComparison.OrdinalIgnoreCase)
        || code.Equals("total", StringComparison.OrdinalIgnoreCase)
        || code.Equals("samtliga", StringComparison.OrdinalIgnoreCase);
}
