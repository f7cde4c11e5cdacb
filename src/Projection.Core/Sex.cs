namespace Projection.Core;

/// <summary>Sex as SCB codes it in <c>Kon</c>: 1 men (män), 2 women (kvinnor). The numeric value is the index in a population array.</summary>
public enum Sex
{
    /// <summary>Men, SCB code 1.</summary>
    Male = 0,

    /// <summary>Women, SCB code 2.</summary>
    Female = 1,
}
