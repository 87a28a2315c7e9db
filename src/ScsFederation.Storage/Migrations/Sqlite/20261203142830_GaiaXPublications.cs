using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScsFederation.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GaiaXPublications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gaiax_publications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    IssuerDid = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    InputHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gaiax_publications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gaiax_credentials",
                columns: table => new
                {
                    PublicationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CredentialId = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GxType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Profile = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    ETag = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gaiax_credentials", x => new { x.PublicationId, x.CredentialId });
                    table.ForeignKey(
                        name: "FK_gaiax_credentials_gaiax_publications_PublicationId",
                        column: x => x.PublicationId,
                        principalTable: "gaiax_publications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gaiax_credentials_CredentialId",
                table: "gaiax_credentials",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_gaiax_credentials_ProviderId_ValidUntil",
                table: "gaiax_credentials",
                columns: new[] { "ProviderId", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_gaiax_publications_ProviderId_CreatedAt",
                table: "gaiax_publications",
                columns: new[] { "ProviderId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gaiax_credentials");

            migrationBuilder.DropTable(
                name: "gaiax_publications");
        }
    }
}
