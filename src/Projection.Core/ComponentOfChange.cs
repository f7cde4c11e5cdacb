namespace Projection.Core;

/// <summary>The components of population change (befolkningsförändringar), in the order results store them.</summary>
public enum ComponentOfChange
{
    /// <summary>Live births (födda).</summary>
    Births = 0,

    /// <summary>Deaths (döda).</summary>
    Deaths = 1,

    /// <summary>Domestic in-migrants (inflyttade), from the rest of Sweden and from other regions of the set.</summary>
    DomesticIn = 2,

    /// <summary>Domestic out-migrants (utflyttade).</summary>
    DomesticOut = 3,

    /// <summary>Immigrants (invandrade).</summary>
    Immigration = 4,

    /// <summary>Emigrants (utvandrade).</summary>
    Emigration = 5,
}
