using AngleSharp.Html.Dom;

namespace OnlineExam.Web.Tests.Infrastructure;

public static class Forms
{
    /// <summary>Submits a parsed form as a browser would: its action, method and every successful field, hidden antiforgery field included.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form, IDictionary<string, string>? values = null, IHtmlElement? submitter = null, IDictionary<string, string>? headers = null)
    {
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            var element = form.Elements.OfType<IHtmlElement>().FirstOrDefault(e => e.GetAttribute("name") == name)
                ?? throw new InvalidOperationException($"The form has no field named {name}.");
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    foreach (var sibling in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name == name && i.Type == box.Type))
                    {
                        sibling.IsChecked = value.Split(',').Contains(sibling.Value);
                    }

                    break;
                case IHtmlInputElement input:
                    input.Value = value;
                    break;
                case IHtmlTextAreaElement area:
                    area.Value = value;
                    break;
                case IHtmlSelectElement select:
                    select.Value = value;
                    break;
            }
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                case IHtmlInputElement { Type: "submit" or "button" or "image" }:
                case IHtmlButtonElement:
                    continue;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    pairs.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    pairs.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    pairs.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }

        if (submitter?.GetAttribute("name") is { Length: > 0 } submitterName)
        {
            pairs.Add(new(submitterName, submitter.GetAttribute("value") ?? ""));
        }

        var action = submitter?.GetAttribute("formaction") is { Length: > 0 } formAction
            ? new Uri(new Uri(form.Owner!.Url), formAction).ToString()
            : form.Action;

        var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(pairs) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return client.SendAsync(request);
    }
}
