-- How an account reaches the world: 'imap+smtp' (its servers) or 'local' (nothing is
-- contacted: replies are kept in the workspace). The demo workspace's account is local;
-- before this, being the demo was what kept it offline.
ALTER TABLE accounts ADD COLUMN transport TEXT NOT NULL DEFAULT 'imap+smtp'
    CHECK (transport IN ('imap+smtp', 'local'));
UPDATE accounts SET transport = 'local' WHERE EXISTS (SELECT 1 FROM settings WHERE key = 'demo.version');
