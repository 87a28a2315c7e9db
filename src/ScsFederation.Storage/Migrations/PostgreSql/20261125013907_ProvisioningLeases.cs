using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScsFederation.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ProvisioningLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "provisioning_leases",
                columns: table => new
                {
                    ProviderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Holder = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_provisioning_leases", x => x.ProviderId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_provisioning_audit_ProviderId_AccountId",
                table: "provisioning_audit",
                columns: new[] { "ProviderId", "AccountId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "provisioning_leases");

            migrationBuilder.DropIndex(
                name: "IX_provisioning_audit_ProviderId_AccountId",
                table: "provisioning_audit");
        }
    }
}
