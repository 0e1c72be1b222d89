namespace OnlineExam.Web.Tests.Infrastructure;

public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OnlineExam.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OnlineExam.slnx not found above " + AppContext.BaseDirectory);
    }
}
