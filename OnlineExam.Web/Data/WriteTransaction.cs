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
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim gate;
    private readonly IDbContextTransaction transaction;

    private WriteTransaction(SemaphoreSlim gate, IDbContextTransaction transaction)
    {
        this.gate = gate;
        this.transaction = transaction;
    }

    public static async Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(DatabaseKey(db), _ => new SemaphoreSlim(1, 1));
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

    private static string DatabaseKey(DbContext db)
    {
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return source is "" or ":memory:" ? source : Path.GetFullPath(source);
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
}
