using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OnlineExam.Web.Tests.Infrastructure;

/// <summary>Counts the SQL commands EF Core sends, so tests can hold pages to their query budget.</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private int count;
    private readonly List<string> commands = [];

    public int Count => Volatile.Read(ref count);

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (commands)
            {
                return [.. commands];
            }
        }
    }

    public void Reset()
    {
        lock (commands)
        {
            commands.Clear();
            Volatile.Write(ref count, 0);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        lock (commands)
        {
            commands.Add(command.CommandText);
            count++;
        }
    }
}
