using System.Text;
using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Paths;

namespace ScsFederation.Shacl.Report;

/// <summary>The report as Turtle (sh:ValidationReport with one blank node per sh:result; complex paths written as SHACL path nodes).</summary>
internal static class ReportTurtle
{
    public static string Write(ValidationReport report)
    {
        var sb = new StringBuilder();
        sb.Append("@prefix sh: <").Append(Sh.Namespace).Append("> .\n");
        sb.Append("@prefix xsd: <").Append(RdfVocabulary.Xsd).Append("> .\n\n");
        sb.Append("[] a sh:ValidationReport ;\n  sh:conforms ").Append(report.Conforms ? "true" : "false");
        foreach (var r in report.Results)
        {
            sb.Append(" ;\n  sh:result [\n    a sh:ValidationResult ;\n");
            sb.Append("    sh:focusNode "); TermText.Append(sb, r.FocusNode); sb.Append(" ;\n");
            if (r.ResultPath is { } path) { sb.Append("    sh:resultPath "); Path(sb, path); sb.Append(" ;\n"); }
            if (r.Value is { } v) { sb.Append("    sh:value "); TermText.Append(sb, v); sb.Append(" ;\n"); }
            sb.Append("    sh:sourceShape "); TermText.Append(sb, r.SourceShape); sb.Append(" ;\n");
            sb.Append("    sh:sourceConstraintComponent "); TermText.Append(sb, r.SourceConstraintComponent); sb.Append(" ;\n");
            foreach (var m in r.Messages) { sb.Append("    sh:resultMessage "); TermText.Append(sb, m); sb.Append(" ;\n"); }
            sb.Append("    sh:resultSeverity "); TermText.Append(sb, r.Severity); sb.Append("\n  ]");
        }
        sb.Append(" .\n");
        return sb.ToString();
    }

    private static void Path(StringBuilder sb, PropertyPath path)
    {
        switch (path)
        {
            case PredicatePath p: TermText.Append(sb, p.Predicate); break;
            case InversePath i: sb.Append("[ sh:inversePath "); Path(sb, i.Inner); sb.Append(" ]"); break;
            case SequencePath s: sb.Append("( "); foreach (var step in s.Steps) { Path(sb, step); sb.Append(' '); } sb.Append(')'); break;
            case AlternativePath a: sb.Append("[ sh:alternativePath ( "); foreach (var o in a.Options) { Path(sb, o); sb.Append(' '); } sb.Append(") ]"); break;
            case RepetitionPath r:
                sb.Append(r.Repetition switch { RepetitionKind.ZeroOrMore => "[ sh:zeroOrMorePath ", RepetitionKind.OneOrMore => "[ sh:oneOrMorePath ", _ => "[ sh:zeroOrOnePath " });
                Path(sb, r.Inner); sb.Append(" ]");
                break;
        }
    }
}
