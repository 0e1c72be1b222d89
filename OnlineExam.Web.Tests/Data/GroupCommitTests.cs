using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Data;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Data;

public class GroupCommitTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    private Task<int> CountAsync(string prefix) => factory.WithDbAsync(db => db.Exams.CountAsync(e => e.Title.StartsWith(prefix)));

    private static Exam NewExam(string title) => new()
    {
        Title = title,
        CreatedBy = "auth0|group-commit",
        LastUpdatedBy = "auth0|group-commit",
        CreatedAt = DateTime.UtcNow,
        UpdatedAt = DateTime.UtcNow,
    };

    /// <summary>Adds an exam inside a group write; <paramref name="fail"/> throws after writing it.</summary>
    private Task<int> AddExamAsync(string title, int i, Func<int, bool> keep, bool fail = false) => factory.WithDbAsync(db => db.WriteInGroupAsync(
        async group =>
        {
            group.Exams.Add(NewExam(title));
            await group.SaveChangesAsync();
            return fail ? throw new InvalidOperationException("boom") : i;
        },
        keep));

    [Fact]
    public async Task Concurrent_writes_each_keep_or_drop_their_own_changes()
    {
        var writes = Enumerable.Range(0, 40).Select(i => AddExamAsync($"group {i:00}", i, keep: n => n % 4 != 0));

        var results = await Task.WhenAll(writes);

        Assert.Equal(Enumerable.Range(0, 40), results);
        var titles = await factory.WithDbAsync(db => db.Exams.Where(e => e.Title.StartsWith("group ")).Select(e => e.Title).ToListAsync());
        Assert.Equal(Enumerable.Range(0, 40).Where(n => n % 4 != 0).Select(n => $"group {n:00}"), titles.Order());
    }

    [Fact]
    public async Task A_write_that_throws_fails_alone()
    {
        var writes = Enumerable.Range(0, 20).Select(i => AddExamAsync($"fails {i:00}", i, keep: _ => true, fail: i == 7)).ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[7]);

        Assert.Equal("boom", error.Message);
        Assert.All(writes.Where((_, i) => i != 7), w => Assert.True(w.IsCompletedSuccessfully || w.Wait(TimeSpan.FromSeconds(10))));
        Assert.Equal(19, await CountAsync("fails "));
    }
}
