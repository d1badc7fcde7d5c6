package smtpsend_test

import (
	"context"
	"database/sql"
)

func tamper(e *env, id int64, accountID string) error {
	return e.w.DB().Write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec("UPDATE outbox SET account_id = ? WHERE id = ?", accountID, id)
		return err
	})
}
