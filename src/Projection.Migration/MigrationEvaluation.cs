namespace Projection.Migration;

/// <summary>
/// Rolling-origin evaluation: for each origin year T, the model is trained on the rows whose
/// target year is at most T (what was known at T) and predicts the rows based at T, 1..5 years
/// ahead; the baselines predict the same rows from their own history: the last year's rate,
/// the mean of the last five years, the mean of the last ten (what the engine's default
/// assumes). Errors are absolute, in net migrants per 1,000 person-years.
/// </summary>
public static class MigrationEvaluation
{
    public const string Model = "model";
    public const string LastYear = "last year";
    public const string MeanOf5 = "mean of 5 years";
    public const string MeanOf10 = "mean of 10 years";

    /// <summary>The methods compared, model first.</summary>
    public static IReadOnlyList<string> Methods { get; } = [Model, LastYear, MeanOf5, MeanOf10];

    /// <summary>Mean absolute error of each method at one horizon.</summary>
    /// <param name="Horizon">Years ahead.</param>
    /// <param name="Cases">Rows scored (region × age group × origin).</param>
    /// <param name="MeanAbsoluteError">Method → MAE per 1,000.</param>
    public sealed record HorizonMetrics(int Horizon, int Cases, IReadOnlyDictionary<string, double> MeanAbsoluteError);

    public sealed record Result(IReadOnlyList<int> Origins, IReadOnlyList<HorizonMetrics> Horizons)
    {
        /// <summary>Each method's MAE averaged over the horizons.</summary>
        public IReadOnlyDictionary<string, double> Overall => Methods.ToDictionary(m => m, m => Horizons.Average(h => h.MeanAbsoluteError[m]));

        /// <summary>The method with the lowest overall error: the default migration assumption.</summary>
        public string Best => Overall.MinBy(p => p.Value).Key;
    }

    public static Result Run(IReadOnlyList<MigrationExample> rows, IReadOnlyList<int> origins, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(origins);
        var errors = Methods.ToDictionary(m => m, _ => new Dictionary<int, List<double>>());
        foreach (var origin in origins)
        {
            var training = rows.Where(r => r.BaseYear + (int)r.Horizon <= origin).ToList();
            var test = rows.Where(r => r.BaseYear == origin).ToList();
            if (training.Count == 0 || test.Count == 0)
            {
                continue;
            }

            var predictions = MigrationModel.Train(training, seed).Predict(test);
            for (var i = 0; i < test.Count; i++)
            {
                var row = test[i];
                var horizon = (int)row.Horizon;
                Add(Model, horizon, predictions[i] - row.Target);
                Add(LastYear, horizon, row.Last - row.Target);
                Add(MeanOf5, horizon, row.Mean5 - row.Target);
                Add(MeanOf10, horizon, row.Mean10 - row.Target);
            }
        }

        var horizons = errors[Model].Keys.Order()
            .Select(h => new HorizonMetrics(h, errors[Model][h].Count, Methods.ToDictionary(m => m, m => errors[m][h].Average())))
            .ToList();
        return new Result(origins, horizons);

        void Add(string method, int horizon, double error)
        {
            if (!errors[method].TryGetValue(horizon, out var list))
            {
                errors[method][horizon] = list = [];
            }

            list.Add(Math.Abs(error));
        }
    }
}
