namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>
/// A Keystone object named by names, not ids, so a plan can refer to objects that do not exist yet and a journal
/// written before a crash still means the same object after it. For memberships the target is the group and the
/// member the user; for assignments the target is the project (or domain) and the member the user, plus the role.
/// </summary>
public sealed record KeystoneObjectKey(KeystoneObjectKind Kind, string Domain, string Name, string? MemberDomain = null, string? MemberName = null, string? Role = null, bool DomainScope = false)
{
    public static KeystoneObjectKey ForDomain(string name) => new(KeystoneObjectKind.Domain, name, name);

    public static KeystoneObjectKey ForProject(string domain, string name) => new(KeystoneObjectKind.Project, domain, name);

    public static KeystoneObjectKey ForGroup(string domain, string name) => new(KeystoneObjectKind.Group, domain, name);

    public static KeystoneObjectKey ForUser(string domain, string name) => new(KeystoneObjectKind.User, domain, name);

    public static KeystoneObjectKey ForMembership(KeystoneObjectKey group, KeystoneObjectKey user) =>
        new(KeystoneObjectKind.Membership, group.Domain, group.Name, user.Domain, user.Name);

    public static KeystoneObjectKey ForProjectAssignment(string role, KeystoneObjectKey project, KeystoneObjectKey user) =>
        new(KeystoneObjectKind.Assignment, project.Domain, project.Name, user.Domain, user.Name, role);

    public KeystoneObjectKey Target => Kind switch
    {
        KeystoneObjectKind.Membership => ForGroup(Domain, Name),
        KeystoneObjectKind.Assignment => DomainScope ? ForDomain(Domain) : ForProject(Domain, Name),
        _ => this,
    };

    public KeystoneObjectKey? Member => MemberName is null ? null : ForUser(MemberDomain!, MemberName);

    /// <summary>The stable text form stored in the journal, the ownership records and the audit log.</summary>
    public string Text => Kind switch
    {
        KeystoneObjectKind.Domain => $"domain:{Name}",
        KeystoneObjectKind.Project => $"project:{Domain}/{Name}",
        KeystoneObjectKind.Group => $"group:{Domain}/{Name}",
        KeystoneObjectKind.User => $"user:{Domain}/{Name}",
        KeystoneObjectKind.Membership => $"membership:{Domain}/{Name}<-{MemberDomain}/{MemberName}",
        _ => $"assignment:{Role}@{(DomainScope ? "domain:" : "")}{Domain}/{Name}<-{MemberDomain}/{MemberName}",
    };

    public override string ToString() => Text;

    /// <summary>Parses <see cref="Text"/>; used when reading ownership records and journal steps back.</summary>
    public static KeystoneObjectKey Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) throw new FormatException($"not a Keystone object key: '{text}'");
        var kind = text[..colon];
        var rest = text[(colon + 1)..];
        switch (kind)
        {
            case "domain": return ForDomain(rest);
            case "project": { var (d, n) = Split(rest, text); return ForProject(d, n); }
            case "group": { var (d, n) = Split(rest, text); return ForGroup(d, n); }
            case "user": { var (d, n) = Split(rest, text); return ForUser(d, n); }
            case "membership":
            {
                var arrow = rest.LastIndexOf("<-", StringComparison.Ordinal);
                if (arrow < 0) throw new FormatException($"not a membership key: '{text}'");
                var (gd, gn) = Split(rest[..arrow], text);
                var (ud, un) = Split(rest[(arrow + 2)..], text);
                return ForMembership(ForGroup(gd, gn), ForUser(ud, un));
            }
            case "assignment":
            {
                var at = rest.IndexOf('@', StringComparison.Ordinal);
                var arrow = rest.LastIndexOf("<-", StringComparison.Ordinal);
                if (at < 0 || arrow < at) throw new FormatException($"not an assignment key: '{text}'");
                var role = rest[..at];
                var target = rest[(at + 1)..arrow];
                var domainScope = target.StartsWith("domain:", StringComparison.Ordinal);
                if (domainScope) target = target["domain:".Length..];
                var (pd, pn) = Split(target, text);
                var (ud, un) = Split(rest[(arrow + 2)..], text);
                return new KeystoneObjectKey(KeystoneObjectKind.Assignment, pd, pn, ud, un, role, domainScope);
            }
            default: throw new FormatException($"unknown Keystone object kind in '{text}'");
        }
    }

    private static (string Domain, string Name) Split(string s, string whole)
    {
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) throw new FormatException($"missing domain/name in '{whole}'");
        return (s[..slash], s[(slash + 1)..]);
    }
}
