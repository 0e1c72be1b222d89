namespace OnlineExam.Web.Tests.Infrastructure;

public static class Users
{
    public static readonly FakeUser Ada = new("auth0|ada", "Ada Lovelace", "ada@example.test");
    public static readonly FakeUser Grace = new("auth0|grace", "Grace Hopper", "grace@example.test");
    public static readonly FakeUser Author = new("auth0|author", "Alan Author", "alan@example.test", "create:exams");
}
