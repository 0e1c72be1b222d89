using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Exams;

public static class ExamQueries
{
    /// <summary>Published exams that have not been removed: what anyone may see and take.</summary>
    public static IQueryable<Exam> Listed(this IQueryable<Exam> exams) =>
        exams.Where(e => e.Published && e.DeletedAt == null);

    /// <summary>
    /// One page of the public list, newest first, plus one row to tell whether another page
    /// follows. Filter and order are those of the partial index IX_Exams_Listed, which keeps a
    /// page an index read; change them together.
    /// </summary>
    public static IQueryable<Exam> ListedPage(this IQueryable<Exam> exams, int page, int pageSize) =>
        exams.Listed()
            .OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1);

    /// <summary>The author's own live exams: every authoring read and write starts here.</summary>
    public static IQueryable<Exam> OwnedBy(this IQueryable<Exam> exams, string userId) =>
        exams.Where(e => e.CreatedBy == userId && e.DeletedAt == null);

    /// <summary>The author's questions of a live exam, tracked, in their current order.</summary>
    public static Task<List<Question>> OwnedQuestionsInOrderAsync(this ExamDbContext db, int examId, string userId, CancellationToken cancellationToken) =>
        db.Questions
            .Where(q => q.ExamId == examId && q.Exam!.CreatedBy == userId && q.Exam.DeletedAt == null)
            .OrderBy(q => q.Position).ThenBy(q => q.Id)
            .ToListAsync(cancellationToken);

    /// <summary>Positions the questions 1..n in list order.</summary>
    public static void Renumber(this List<Question> questions)
    {
        for (var i = 0; i < questions.Count; i++)
        {
            questions[i].Position = i + 1;
        }
    }

    /// <summary>Records who changed an exam and when.</summary>
    public static Task<int> TouchAsync(this ExamDbContext db, int examId, string userId, DateTime now, CancellationToken cancellationToken) =>
        db.Exams.Where(e => e.Id == examId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.LastUpdatedBy, userId), cancellationToken);

    /// <summary>Drops every cached public page that could show an exam; call after any exam write.</summary>
    public static Task ExamsChangedAsync(this Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, CancellationToken cancellationToken) =>
        cache.EvictByTagAsync(Hosting.SiteServices.ExamsTag, cancellationToken).AsTask();

    /// <summary>Maps a rule's JSON path (<c>question.choices[1].text</c>) to a form field (<c>Input.Choices[1].Text</c>).</summary>
    public static string ToFieldName(string path, string jsonPrefix, string fieldPrefix)
    {
        var rest = path.StartsWith(jsonPrefix, StringComparison.Ordinal) ? path[jsonPrefix.Length..] : path;
        var parts = rest.Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]);
        return string.Join('.', parts.Prepend(fieldPrefix));
    }
}
