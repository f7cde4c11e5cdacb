using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Projection.Migration;

/// <summary>
/// A FastTree regression (boosted trees; ML.NET's Microsoft.ML.FastTree) from what is known at a
/// base year to a region's net migration rate in an age group h years later. Trained with a fixed
/// seed on one thread, so that the same rows give the same model and metrics. Loaded once and
/// shared: predictions go through <see cref="ITransformer.Transform"/> on a fresh data view per
/// call, which is safe across threads (a PredictionEngine is not).
/// </summary>
public sealed class MigrationModel
{
    /// <summary>The seed of the shipped model.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Boosting settings: small trees and a slow rate for ~16,000 rows of 11 features.</summary>
    public static FastTreeRegressionTrainer.Options TrainerOptions(int seed) => new()
    {
        NumberOfLeaves = 16,
        NumberOfTrees = 200,
        MinimumExampleCountPerLeaf = 20,
        LearningRate = 0.05,
        NumberOfThreads = 1,
        Seed = seed,
    };

    private readonly MLContext _context;
    private readonly ITransformer _transformer;

    private MigrationModel(MLContext context, ITransformer transformer)
    {
        _context = context;
        _transformer = transformer;
    }

    /// <summary>Trains on <paramref name="rows"/> (their targets as labels).</summary>
    public static MigrationModel Train(IReadOnlyList<MigrationExample> rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("No rows to train on.", nameof(rows));
        }

        var context = new MLContext(seed);
        var data = context.Data.LoadFromEnumerable(rows);
        var pipeline = context.Transforms.Concatenate("Features", [.. MigrationExample.FeatureNames])
            .Append(context.Regression.Trainers.FastTree(TrainerOptions(seed)));
        return new MigrationModel(context, pipeline.Fit(data));
    }

    /// <summary>The predicted rate (per 1,000) for each row, in order.</summary>
    public float[] Predict(IReadOnlyList<MigrationExample> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scored = _transformer.Transform(_context.Data.LoadFromEnumerable(rows));
        return [.. scored.GetColumn<float>("Score")];
    }

    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var schema = _context.Data.LoadFromEnumerable(Array.Empty<MigrationExample>()).Schema;
        using var stream = File.Create(path);
        _context.Model.Save(_transformer, schema, stream);
    }

    /// <summary>Loads a saved model; a missing, corrupt or foreign file throws <see cref="MigrationModelException"/> naming it.</summary>
    public static MigrationModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new MigrationModelException($"{path}: migration model not found.");
        }

        var context = new MLContext(DefaultSeed);
        try
        {
            using var stream = File.OpenRead(path);
            var transformer = context.Model.Load(stream, out _);
            var model = new MigrationModel(context, transformer);

            // A model of another shape fails here, not at the first real prediction.
            model.Predict([new MigrationExample { Horizon = 1 }]);
            return model;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException or ArgumentException or IOException or System.Reflection.TargetInvocationException)
        {
            throw new MigrationModelException($"{path}: not a readable migration model ({e.Message}).", e);
        }
    }
}
