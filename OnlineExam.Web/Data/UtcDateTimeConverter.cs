using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OnlineExam.Web.Data;

/// <summary>All times are stored in UTC; SQLite keeps no kind, so it is restored on the way out.</summary>
public class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
