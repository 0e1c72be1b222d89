using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace OnlineExam.Web.Data;

/// <summary>
/// A write transaction (BEGIN IMMEDIATE) taken after an asynchronous, per-database-file queue.
/// SQLite admits one writer at a time, and Microsoft.Data.Sqlite waits for a busy database by
/// putting the request thread to sleep and retrying; queueing here instead means the writers of
/// this process never meet inside SQLite, and a waiting write holds no thread.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, Writer> Writers = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim gate;
    private readonly IDbContextTransaction transaction;

    private WriteTransaction(SemaphoreSlim gate, IDbContextTransaction transaction)
    {
        this.gate = gate;
        this.transaction = transaction;
    }

    public static async Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken)
    {
        var gate = Writer.For(db).Gate;
        await gate.WaitAsync(cancellationToken);
        try
        {
            return new WriteTransaction(gate, await db.Database.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Group commit: the writes waiting for the gate run in one transaction, each inside a
    /// savepoint, and share one commit, so one fsync makes a whole group durable. Whoever holds
    /// the gate runs the group on its own connection; everyone's task completes after the commit.
    /// </summary>
    public static async Task<T> InGroupAsync<T>(ExamDbContext db, Func<ExamDbContext, Task<T>> work, Func<T, bool> keep)
    {
        var writer = Writer.For(db);
        var job = new Job<T>(work, keep);
        writer.Queue.Enqueue(job);
        // Not cancellable: once queued, the write may already be part of someone else's group.
        await writer.Gate.WaitAsync(CancellationToken.None);
        try
        {
            while (!job.Finished)
            {
                await RunGroupAsync(db, writer.Queue);
            }
        }
        finally
        {
            writer.Gate.Release();
        }

        return await job.Result;
    }

    private const int MaxGroup = 64;

    private static async Task RunGroupAsync(ExamDbContext db, ConcurrentQueue<Job> queue)
    {
        var group = new List<Job>(MaxGroup);
        while (group.Count < MaxGroup && queue.TryDequeue(out var next))
        {
            group.Add(next);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            foreach (var job in group)
            {
                await transaction.CreateSavepointAsync("job", CancellationToken.None);
                try
                {
                    if (!await job.RunAsync(db))
                    {
                        await transaction.RollbackToSavepointAsync("job", CancellationToken.None);
                    }
                }
                catch (Exception exception)
                {
                    await transaction.RollbackToSavepointAsync("job", CancellationToken.None);
                    job.Fail(exception);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }

                await transaction.ReleaseSavepointAsync("job", CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            foreach (var job in group)
            {
                job.Fail(exception);
            }

            return;
        }

        // A job that failed on its own is finished already; the others complete with the commit.
        foreach (var job in group.Where(j => !j.Finished))
        {
            job.Complete();
        }
    }

    private static string DatabaseKey(DbContext db)
    {
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return source is "" or ":memory:" ? source : Path.GetFullPath(source);
    }

    private sealed class Writer
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ConcurrentQueue<Job> Queue { get; } = new();

        public static Writer For(DbContext db) => Writers.GetOrAdd(DatabaseKey(db), _ => new Writer());
    }

    private abstract class Job
    {
        public abstract bool Finished { get; }

        /// <summary>Runs the write; false means "keep nothing of it".</summary>
        public abstract Task<bool> RunAsync(ExamDbContext db);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Job<T>(Func<ExamDbContext, Task<T>> work, Func<T, bool> keep) : Job
    {
        private readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T outcome = default!;

        public Task<T> Result => done.Task;

        public override bool Finished => done.Task.IsCompleted;

        public override async Task<bool> RunAsync(ExamDbContext db)
        {
            outcome = await work(db);
            return keep(outcome);
        }

        public override void Complete() => done.TrySetResult(outcome);

        public override void Fail(Exception exception) => done.TrySetException(exception);
    }
}

public static class WriteTransactionExtensions
{
    /// <summary>Every write goes through here, so that writes queue in the app rather than inside SQLite.</summary>
    public static Task<WriteTransaction> BeginWriteAsync(this ExamDbContext db, CancellationToken cancellationToken) =>
        WriteTransaction.BeginAsync(db, cancellationToken);

    /// <summary>One write (a SaveChanges or an ExecuteUpdate) in its own queued write transaction.</summary>
    public static async Task<T> WriteAsync<T>(this ExamDbContext db, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var result = await write();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// A write that shares its commit with the writes queued beside it (the hot paths: answer saves
    /// and grading). <paramref name="work"/> must use the context it is given, which may belong to
    /// another request; when <paramref name="keep"/> says no, whatever it wrote is rolled back.
    /// </summary>
    public static Task<T> WriteInGroupAsync<T>(this ExamDbContext db, Func<ExamDbContext, Task<T>> work, Func<T, bool> keep) =>
        WriteTransaction.InGroupAsync(db, work, keep);
}
