using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Api;

public class HostileTextTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    private const string Script = "<script>alert(1)</script>";
    private const string Image = "<img src=x onerror=alert(1)>";
    private const string Htmx = "<div hx-get=\"/x\" hx-trigger=\"load\">";

    [Fact]
    public async Task Markup_in_exam_text_is_stored_as_typed_and_rendered_encoded_on_every_page_and_fragment()
    {
        var document = new JsonObject
        {
            ["title"] = $"Title {Script}",
            ["description"] = $"Description {Image} {Htmx}",
            ["questions"] = new JsonArray(new JsonObject
            {
                ["text"] = $"Question {Htmx}",
                ["explanation"] = $"Explanation {Script}",
                ["kind"] = "single",
                ["choices"] = new JsonArray(
                    new JsonObject { ["text"] = $"Choice {Image}", ["correct"] = true },
                    new JsonObject { ["text"] = $"Choice {Script}", ["correct"] = false }),
            }),
        };
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Auth0.AccessToken("auth0|hostile", ["create:exams"]));
        var created = await api.PostAsync("/api/exams", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<int>();
        var stored = await factory.WithDbAsync(db => db.Exams.Include(e => e.Questions).ThenInclude(q => q.Choices).AsNoTracking().SingleAsync(e => e.Id == id));
        var client = await factory.SignedInClientAsync(new FakeUser("auth0|victim", $"Victim {Script}", "victim@example.test"));

        var bodies = new List<(string Where, string Html)>
        {
            ("home", await client.GetStringAsync("/")),
            ("exam", await client.GetStringAsync($"/exams/{id}")),
        };
        var attemptId = await client.StartAsync(id);
        var form = await client.AnswerFormAsync(attemptId);
        bodies.Add(("answer page", await client.GetStringAsync($"/attempts/{attemptId}")));
        var fieldset = (IHtmlElement)form.QuerySelector("fieldset")!;
        using var save = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(form.Owner!.Url), fieldset.GetAttribute("hx-post")))
        {
            Content = new FormUrlEncodedContent(form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))),
        };
        save.Headers.Add("HX-Request", "true");
        bodies.Add(("save fragment", await (await client.SendAsync(save)).Content.ReadAsStringAsync()));
        var review = await client.SubmitAsync(form.Choose(stored.Questions[0].Choices[0].Id), submitter: form.Button("Submit for grading"), headers: new Dictionary<string, string> { ["HX-Request"] = "true" });
        bodies.Add(("confirm fragment", await review.Content.ReadAsStringAsync()));
        bodies.Add(("confirm page", await client.GetStringAsync($"/attempts/{attemptId}/submit")));
        var confirm = await review.ReadDocumentAsync();
        var submitted = await client.SubmitAsync((IHtmlFormElement)confirm.QuerySelector("form")!, headers: new Dictionary<string, string> { ["HX-Request"] = "true" });
        bodies.Add(("result fragment", await submitted.Content.ReadAsStringAsync()));
        bodies.Add(("result page", await client.GetStringAsync($"/attempts/{attemptId}/result")));
        bodies.Add(("history", await client.GetStringAsync("/results")));
        bodies.Add(("profile", await client.GetStringAsync("/account/profile")));

        Assert.Equal($"Title {Script}", stored.Title);
        Assert.Equal($"Description {Image} {Htmx}", stored.Description);
        Assert.Equal($"Question {Htmx}", stored.Questions[0].Text);
        Assert.Equal($"Choice {Image}", stored.Questions[0].Choices[0].Text);
        foreach (var (where, html) in bodies)
        {
            Assert.False(html.Contains(Script, StringComparison.Ordinal), $"{where} contains a raw script tag");
            Assert.False(html.Contains(Image, StringComparison.Ordinal), $"{where} contains a raw img tag");
            Assert.False(html.Contains(Htmx, StringComparison.Ordinal), $"{where} contains a raw hx-get div");
            var parsed = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
            Assert.Empty(parsed.QuerySelectorAll("[hx-get], [onerror], img, main script, body script"));
        }

        Assert.Contains(WebUtility.HtmlEncode(Script), bodies.Single(b => b.Where == "result page").Html, StringComparison.Ordinal);
    }
}
