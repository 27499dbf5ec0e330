-- The building directory's public address: door plates print QR codes pointing at
-- <public_url>/directory/rooms/{id}. '' (or no row): the address the request came to.
CREATE TABLE space_directory_settings (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  public_url TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id)
);
