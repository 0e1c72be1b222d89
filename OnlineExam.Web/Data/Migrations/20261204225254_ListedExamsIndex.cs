using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnlineExam.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListedExamsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Exams_Published_DeletedAt_UpdatedAt",
                table: "Exams");

            migrationBuilder.CreateIndex(
                name: "IX_Exams_Listed",
                table: "Exams",
                columns: new[] { "UpdatedAt", "Id" },
                descending: new bool[0],
                filter: "\"Published\" AND \"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Exams_Listed",
                table: "Exams");

            migrationBuilder.CreateIndex(
                name: "IX_Exams_Published_DeletedAt_UpdatedAt",
                table: "Exams",
                columns: new[] { "Published", "DeletedAt", "UpdatedAt" });
        }
    }
}
