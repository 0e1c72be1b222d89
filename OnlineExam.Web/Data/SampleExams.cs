namespace OnlineExam.Web.Data;

/// <summary>The sample exams seeded into an empty database so the site is usable at once.</summary>
public static class SampleExams
{
    public const string SeedUser = "seed|onlineexam";
    public const int Count = 3;

    public static IReadOnlyList<Exam> Create(DateTime now) =>
    [
        Build(now, 0, "TypeScript Advanced Exam", "Tricky questions about TypeScript.",
        [
            Single("What is the type of `x` in `const x = [1, \"a\"] as const;`?",
                "`as const` makes the array literal a readonly tuple of literal types.",
                ("(number | string)[]", false), ("readonly [1, \"a\"]", true), ("[number, string]", false), ("readonly (1 | \"a\")[]", false)),
            Single("Which type does `keyof any` produce?",
                "Object keys can be strings, numbers or symbols, so `keyof any` is `string | number | symbol`.",
                ("string", false), ("string | number", false), ("string | number | symbol", true), ("never", false)),
            Multiple("Which of these types are assignable to `unknown`?",
                "Every type is assignable to `unknown`; it is the top type.",
                ("never", true), ("null", true), ("{ a: 1 }", true), ("() => void", true)),
            Single("What does `Exclude<\"a\" | \"b\" | \"c\", \"a\" | \"c\">` evaluate to?",
                "`Exclude` is a distributive conditional type that drops every member assignable to the second argument.",
                ("\"b\"", true), ("\"a\" | \"c\"", false), ("never", false)),
            Multiple("Which statements about `interface` and `type` aliases are true?",
                "Interfaces with the same name merge their declarations and can be extended with `extends`; only type aliases can name unions directly.",
                ("Two interfaces with the same name in one scope merge", true), ("A type alias can name a union type", true),
                ("A type alias can be re-opened to add members", false), ("An interface can extend another interface", true)),
            Single("With `strictFunctionTypes` on, how are parameters of function *type* properties checked?",
                "Function type properties are checked contravariantly; methods declared with method syntax stay bivariant.",
                ("Covariantly", false), ("Contravariantly", true), ("Bivariantly", false), ("They are not checked", false)),
            Single("What is `T` in `type T = [string, ...number[]][\"length\"]`?",
                "A tuple with a rest element has no fixed length, so its `length` is `number`.",
                ("1", false), ("number", true), ("2", false), ("never", false)),
            Multiple("Which operators narrow a union type inside an `if` block?",
                "`typeof`, `instanceof` and `in` are all recognised as type guards by the compiler.",
                ("typeof", true), ("instanceof", true), ("in", true), ("void", false)),
        ]),
        Build(now, 1, "HTTP Essentials", "Methods, status codes, caching and cookies: what every web developer should know about HTTP.",
        [
            Multiple("Which HTTP methods are idempotent by definition?",
                "RFC 9110 defines GET, HEAD, OPTIONS, TRACE, PUT and DELETE as idempotent; POST and PATCH are not.",
                ("GET", true), ("POST", false), ("PUT", true), ("DELETE", true), ("PATCH", false)),
            Single("Which status code means the client must authenticate to get the response?",
                "401 Unauthorized asks for authentication; 403 Forbidden means the server refuses even with credentials.",
                ("400 Bad Request", false), ("401 Unauthorized", true), ("403 Forbidden", false), ("407 Proxy Authentication Required", false)),
            Single("What does `Cache-Control: no-cache` tell a cache?",
                "`no-cache` allows storing the response but requires revalidation with the origin before each reuse; `no-store` forbids storing.",
                ("Never store the response", false), ("Store it, but revalidate before every reuse", true), ("Cache it for one hour", false)),
            Multiple("Which cookie attributes help protect a session cookie?",
                "`HttpOnly` hides it from scripts, `Secure` keeps it on HTTPS and `SameSite` limits cross-site sending. `Max-Age` only sets its lifetime.",
                ("HttpOnly", true), ("Secure", true), ("SameSite=Lax", true), ("Max-Age", false)),
            Single("Which status code should answer a successful POST that created a resource?",
                "201 Created, usually with a `Location` header pointing at the new resource.",
                ("200 OK", false), ("201 Created", true), ("202 Accepted", false), ("204 No Content", false)),
            Single("What is the purpose of the `ETag` response header?",
                "An ETag identifies a representation so a client can make conditional requests (`If-None-Match`) and receive 304 Not Modified.",
                ("It encrypts the body", false), ("It identifies a version of the representation for conditional requests", true), ("It names the server software", false)),
        ]),
        Build(now, 2, "SQL Fundamentals", "Joins, grouping, NULLs and indexes in standard SQL.",
        [
            Single("What does `SELECT COUNT(col) FROM t` count?",
                "`COUNT(col)` counts rows where `col` is not NULL; `COUNT(*)` counts every row.",
                ("Every row of t", false), ("Rows where col is not NULL", true), ("Distinct values of col", false)),
            Single("What is the result of `NULL = NULL` in SQL?",
                "Comparisons with NULL yield UNKNOWN (NULL), which a WHERE clause treats as false. Use `IS NULL`.",
                ("TRUE", false), ("FALSE", false), ("NULL (unknown)", true)),
            Multiple("Which joins can return rows whose left-table columns are all NULL?",
                "A RIGHT or FULL OUTER join keeps unmatched right-side rows, filling the left side with NULLs.",
                ("INNER JOIN", false), ("LEFT JOIN", false), ("RIGHT JOIN", true), ("FULL OUTER JOIN", true)),
            Single("Which clause filters groups after aggregation?",
                "WHERE filters rows before grouping; HAVING filters the groups GROUP BY produced.",
                ("WHERE", false), ("HAVING", true), ("ORDER BY", false), ("LIMIT", false)),
            Multiple("Which queries can use an index on `(last_name, first_name)`?",
                "A composite index serves conditions on a leftmost prefix of its columns.",
                ("WHERE last_name = 'Lovelace'", true), ("WHERE last_name = 'Lovelace' AND first_name = 'Ada'", true),
                ("WHERE first_name = 'Ada'", false), ("ORDER BY last_name, first_name", true)),
            Single("What does a transaction's isolation level control?",
                "Isolation levels decide which effects of concurrent transactions a transaction may observe.",
                ("How long the transaction may run", false), ("Which effects of concurrent transactions it can see", true), ("Whether it is written to disk", false)),
            Single("Which statement removes all rows but keeps the table definition?",
                "DELETE without WHERE (or TRUNCATE where supported) empties the table; DROP TABLE removes the table itself.",
                ("DROP TABLE t", false), ("DELETE FROM t", true), ("ALTER TABLE t DROP ROWS", false)),
        ]),
    ];

    private static Exam Build(DateTime now, int daysAgo, string title, string description, Question[] questions)
    {
        for (var i = 0; i < questions.Length; i++)
        {
            questions[i].Position = i + 1;
        }

        return new Exam
        {
            Title = title,
            Description = description,
            Published = true,
            CreatedAt = now.AddDays(-daysAgo),
            UpdatedAt = now.AddDays(-daysAgo),
            CreatedBy = SeedUser,
            LastUpdatedBy = SeedUser,
            Questions = [.. questions],
        };
    }

    private static Question Single(string text, string explanation, params (string Text, bool Correct)[] choices) =>
        MakeQuestion(QuestionKind.SingleChoice, text, explanation, choices);

    private static Question Multiple(string text, string explanation, params (string Text, bool Correct)[] choices) =>
        MakeQuestion(QuestionKind.MultipleChoice, text, explanation, choices);

    private static Question MakeQuestion(QuestionKind kind, string text, string explanation, (string Text, bool Correct)[] choices) => new()
    {
        Kind = kind,
        Text = text,
        Explanation = explanation,
        Choices = [.. choices.Select((c, i) => new Choice { Position = i + 1, Text = c.Text, IsCorrect = c.Correct })],
    };
}
