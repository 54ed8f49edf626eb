using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Section287.Common;

/// <summary>Puts an <see cref="Error"/> on a page: each field's message beside the field, all of them in the summary.</summary>
public static class FormErrors
{
    public static void AddTo(this Rule rule, ModelStateDictionary state) => rule.Refuse().AddTo(state);

    public static void AddTo(this Error error, ModelStateDictionary state)
    {
        if (error.Fields.Count == 0)
        {
            state.AddModelError("", error.Message);
            return;
        }
        foreach (var (field, messages) in error.Fields)
        {
            foreach (var message in messages) state.AddModelError(field, message);
        }
    }

    public static bool HasError(this ModelStateDictionary state, string field) =>
        state.TryGetValue(field, out var entry) && entry.Errors.Count > 0;

    public static IHtmlContent ErrorFor(this ModelStateDictionary state, string field) =>
        state.HasError(field)
            ? new HtmlString($"<span class=\"usa-error-message\" id=\"field-{field.ToLowerInvariant()}-error\">{System.Net.WebUtility.HtmlEncode(string.Join(" ", state[field]!.Errors.Select(e => e.ErrorMessage)))}</span>")
            : HtmlString.Empty;

    public static string? DescribedBy(this ModelStateDictionary state, string field) =>
        state.HasError(field) ? $"field-{field.ToLowerInvariant()}-error" : null;

    public static string GroupClass(this ModelStateDictionary state, string field) =>
        state.HasError(field) ? "usa-form-group usa-form-group--error" : "usa-form-group";
}
