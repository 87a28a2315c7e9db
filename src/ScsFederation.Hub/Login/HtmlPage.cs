using System.Text;
using System.Text.Encodings.Web;

namespace ScsFederation.Hub.Login;

/// <summary>Minimal server-rendered pages; every dynamic value goes through the HTML encoder.</summary>
public static class HtmlPage
{
    public static IResult Render(string title, string bodyHtml, int statusCode = 200) =>
        Results.Content(Layout(title, bodyHtml), "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static IResult Error(string title, string code, string message, int statusCode) =>
        Render(title, $"<h1>{E(title)}</h1><p class=\"error\">{E(message)}</p><p><small>Error code: <code>{E(code)}</code></small></p><p><a href=\"/\">Back to the start page</a></p>", statusCode);

    private static string Layout(string title, string body) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} · ScsFederation</title>
        <style>
          body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d2733}
          h1{font-size:1.5rem} .card{border:1px solid #d0d7de;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
          a.button,button{display:inline-block;background:#0f5aa8;color:#fff;border:0;border-radius:6px;padding:.6rem 1rem;text-decoration:none;font-size:1rem;cursor:pointer}
          label{display:block;margin:.5rem 0 .2rem} input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
          .error{color:#a40e26} code{background:#f3f4f6;padding:0 .25rem}
          table{border-collapse:collapse;width:100%;margin:.5rem 0} caption{text-align:left;font-weight:600}
          th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #d0d7de} .state-failed{color:#a40e26}
          a:focus,button:focus,input:focus{outline:3px solid #f5a623;outline-offset:2px}
        </style></head>
        <body><header><p><strong>ScsFederation</strong> · Sovereign Cloud Stack federation hub</p></header><main>{{body}}</main></body></html>
        """;
}
