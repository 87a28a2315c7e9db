namespace ScsFederation.Provisioning.Reconciliation;

public enum ChangeAction
{
    /// <summary>Create the object in Keystone and record it as hub-owned.</summary>
    Create,

    /// <summary>Change a hub-owned object in place (e.g. restore the ownership tag of a project).</summary>
    Update,

    /// <summary>Remove a hub-owned object that no grant or declaration needs any more.</summary>
    Delete,

    /// <summary>Record as hub-owned an object an interrupted run created before it could record it.</summary>
    Adopt,

    /// <summary>Drop the ownership record of a hub-owned object that is already gone from Keystone.</summary>
    Forget,
}
