using Microsoft.EntityFrameworkCore;

namespace OnlineExam.Web.Data;

public class ExamDbContext(DbContextOptions<ExamDbContext> options) : DbContext(options)
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 2000;
    public const int UserIdMaxLength = 256;

    public DbSet<Exam> Exams => Set<Exam>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<Choice> Choices => Set<Choice>();
    public DbSet<Attempt> Attempts => Set<Attempt>();
    public DbSet<AttemptAnswer> AttemptAnswers => Set<AttemptAnswer>();
    public DbSet<UserSession> Sessions => Set<UserSession>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Exam>(exam =>
        {
            exam.Property(e => e.Title).HasMaxLength(TitleMaxLength);
            exam.Property(e => e.Description).HasMaxLength(TextMaxLength);
            exam.Property(e => e.CreatedBy).HasMaxLength(UserIdMaxLength);
            exam.Property(e => e.LastUpdatedBy).HasMaxLength(UserIdMaxLength);
            // The public list, newest first: a partial index in that order, so a page is read
            // from the index without sorting (EF writes the filter as a bare "Published" test).
            exam.HasIndex(e => new { e.UpdatedAt, e.Id }).IsDescending(true, true)
                .HasFilter("\"Published\" AND \"DeletedAt\" IS NULL").HasDatabaseName("IX_Exams_Listed");
            exam.HasIndex(e => new { e.CreatedBy, e.DeletedAt });
            exam.HasMany(e => e.Questions).WithOne(q => q.Exam).HasForeignKey(q => q.ExamId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Question>(question =>
        {
            question.Property(q => q.Text).HasMaxLength(TextMaxLength);
            question.Property(q => q.Explanation).HasMaxLength(TextMaxLength);
            question.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
            question.HasIndex(q => new { q.ExamId, q.Position });
            question.HasMany(q => q.Choices).WithOne(c => c.Question).HasForeignKey(c => c.QuestionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Choice>(choice =>
        {
            choice.Property(c => c.Text).HasMaxLength(TextMaxLength);
            choice.HasIndex(c => new { c.QuestionId, c.Position });
        });

        modelBuilder.Entity<Attempt>(attempt =>
        {
            attempt.Property(a => a.UserId).HasMaxLength(UserIdMaxLength);
            attempt.Property(a => a.UserName).HasMaxLength(TitleMaxLength);
            attempt.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            attempt.HasOne(a => a.Exam).WithMany().HasForeignKey(a => a.ExamId).OnDelete(DeleteBehavior.Restrict);
            attempt.HasIndex(a => new { a.UserId, a.ExamId, a.Status });
            // At most one unfinished attempt per user and exam: "Start" resumes it.
            attempt.HasIndex(a => new { a.UserId, a.ExamId }).IsUnique().HasFilter("\"Status\" = 'InProgress'").HasDatabaseName("IX_Attempts_OneInProgress");
            attempt.HasIndex(a => new { a.UserId, a.StartedAt });
            attempt.HasIndex(a => new { a.ExamId, a.SubmittedAt });
            attempt.HasMany(a => a.Answers).WithOne(a => a.Attempt).HasForeignKey(a => a.AttemptId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<UserSession>(session =>
        {
            session.Property(s => s.Id).HasMaxLength(64);
            session.Property(s => s.UserId).HasMaxLength(UserIdMaxLength);
            session.HasIndex(s => s.ExpiresAt);
            session.HasIndex(s => s.UserId);
        });

        modelBuilder.Entity<AttemptAnswer>(answer =>
        {
            answer.HasIndex(a => new { a.AttemptId, a.QuestionId }).IsUnique();
            answer.HasOne(a => a.Question).WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.SetNull);
            answer.PrimitiveCollection(a => a.SelectedChoiceIds);
            answer.Property(a => a.GradedQuestionText).HasMaxLength(TextMaxLength);
            answer.Property(a => a.GradedExplanation).HasMaxLength(TextMaxLength);
            answer.ComplexCollection(a => a.GradedChoices, choices => choices.ToJson());
        });
    }
}
