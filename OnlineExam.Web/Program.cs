using OnlineExam.Web.Api;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Auth.DevAuth0;
using OnlineExam.Web.Data;
using OnlineExam.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseRootAppSettings();
// Outside Development, dotnet run and the tests would serve compressed assets from a folder
// only the static web assets manifest knows; published apps have no manifest, so this is a no-op.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddSite();
builder.Services.AddExamData();
builder.AddSiteAuthentication();
builder.Services.AddExamsApi();
builder.AddOperations();

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseSitePipeline();
app.MapOperations();
app.MapBench();
app.MapSitePages();
app.MapDevAuth0();
app.MapApi();

await app.RunAsync();

public partial class Program;
