-- The permissions the code last shipped for a built-in role, so that an upgrade adds the
-- permissions new in this version without undoing what an administrator took away.
-- NULL (roles created before this column): every shipped permission counts as new once.
ALTER TABLE roles ADD COLUMN shipped_permissions TEXT;
