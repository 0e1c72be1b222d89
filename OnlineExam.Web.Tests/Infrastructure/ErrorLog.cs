using Microsoft.Extensions.Logging;

namespace OnlineExam.Web.Tests.Infrastructure;

/// <summary>Collects the app's error logs so a failing test can say what the server saw.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly List<string> entries = [];

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (log.entries)
                {
                    log.entries.Add($"{category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
