-- Notifications (站内通知): short messages to one account (a displaced booking, an approval
-- decision, …), listed by their recipient and marked read. Any module sends them through
-- src/core/notify. Times are ISO-8601 UTC text; read_at NULL = unread.
CREATE TABLE notifications (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  account_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  read_at TEXT,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX notifications_by_account ON notifications (tenant_id, account_id, created_at);
