using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScsFederation.Storage.Migrations.PostgreSql
{
    /// <summary>
    /// Accounts are keyed by (configured upstream id, subject) instead of (stated issuer, subject). Rows of one upstream
    /// that the old key kept apart (its issuer changed, e.g. new SAML metadata) would break the new unique index: the
    /// one used most recently keeps the link, the others stay (grants and audit intact) under the subject
    /// <c>superseded:&lt;account id&gt;</c>, so the person's next login reaches only the newest one.
    /// </summary>
    public partial class AccountsByUpstream : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_accounts_UpstreamIssuer_UpstreamSubject",
                table: "accounts");

            // Order-independent: the newest row of a group never matches, every other one has it as a witness.
            migrationBuilder.Sql("""
                UPDATE "accounts" SET "UpstreamSubject" = 'superseded:' || "Id"
                WHERE EXISTS (
                    SELECT 1 FROM "accounts" AS newer
                    WHERE newer."UpstreamId" = "accounts"."UpstreamId"
                      AND newer."UpstreamSubject" = "accounts"."UpstreamSubject"
                      AND (newer."LastLoginAt" > "accounts"."LastLoginAt"
                           OR (newer."LastLoginAt" = "accounts"."LastLoginAt" AND newer."Id" > "accounts"."Id")));
                """);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_UpstreamId_UpstreamSubject",
                table: "accounts",
                columns: new[] { "UpstreamId", "UpstreamSubject" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_accounts_UpstreamId_UpstreamSubject",
                table: "accounts");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_UpstreamIssuer_UpstreamSubject",
                table: "accounts",
                columns: new[] { "UpstreamIssuer", "UpstreamSubject" },
                unique: true);
        }
    }
}
