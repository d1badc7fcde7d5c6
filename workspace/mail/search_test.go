package mail_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// TestSearchEveryScript: a word inside a run of Chinese, Japanese, Korean or Thai text
// is found (the tokenizer alone sees the whole run as one word), and Latin and Cyrillic
// search still ignores accents.
func TestSearchEveryScript(t *testing.T) {
	ctx := context.Background()
	s := mail.Open(workspacetest.Open(t, workspacetest.Root(t), "Global"))
	texts := []string{
		"您好，我的订单还没有到，请帮我查一下物流信息。",                         // zh
		"注文した商品がまだ届いていません。配送状況を確認してください。",                 // ja
		"주문한상품이아직도착하지않았습니다",                               // ko, written without spaces
		"สวัสดีครับ สินค้าที่สั่งซื้อยังไม่ได้รับเลยครับ", // th
		"Příliš žluťoučký kůň úpěl ďábelské ódy",          // cs
		"Ёжик в тумане ждёт свой кофе",                    // ru
	}
	var msgs []mail.Incoming
	for i, text := range texts {
		msgs = append(msgs, incoming(fmt.Sprintf("m%d@x", i), fmt.Sprintf("c%d@customer.example", i), "Order", text, "x"))
	}
	if _, err := s.ImportLocal(ctx, "INBOX", msgs); err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]int{
		"订单": 0, "物流信息": 0, "查": 0, "订单 物流": 0, "没有到": 0,
		"商品": 1, "届いて": 1, "配送状況": 1, "ません": 1,
		"상품": 2, "도착": 2,
		"สินค้า": 3, "สั่งซื้อ": 3, "ได้รับ": 3,
		"kun": 4, "zlutoucky": 4, "ЁЖИК": 5, "ждет": 5,
	} {
		hits, err := s.Search(ctx, query, 10)
		if err != nil {
			t.Errorf("%q: %v", query, err)
			continue
		}
		if len(hits) != 1 || hits[0].Subject != "Order" || hits[0].From.Email != fmt.Sprintf("c%d@customer.example", want) {
			t.Errorf("%q found %+v, want only message %d", query, hits, want)
		}
	}
	for _, query := range []string{"订单物流", "配送中", "ไม่มี"} {
		if hits, _ := s.Search(ctx, query, 10); len(hits) != 0 {
			t.Errorf("%q found %d messages; the words are not there", query, len(hits))
		}
	}
}

// TestSearchGramsOfOlderMail: mail stored before the grams column existed becomes
// searchable by substring at the next sync.
func TestSearchGramsOfOlderMail(t *testing.T) {
	ctx := context.Background()
	w := workspacetest.Open(t, workspacetest.Root(t), "Old")
	s := mail.Open(w)
	if _, err := s.ImportLocal(ctx, "INBOX", []mail.Incoming{incoming("old@x", "c@customer.example", "Order", "我的订单还没有到", "x")}); err != nil {
		t.Fatal(err)
	}
	err := w.DB().Write(ctx, func(tx *sql.Tx) error {
		// As migration 0009 leaves a database: the column empty, no backfill done yet.
		if _, err := tx.ExecContext(ctx, "UPDATE messages SET grams = ''"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE key = 'mail.grams_backfilled'")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search(ctx, "订单", 10); len(hits) != 0 {
		t.Fatalf("found before the backfill: the test does not test it")
	}
	if _, err := s.ImportLocal(ctx, "INBOX", []mail.Incoming{incoming("new@x", "d@customer.example", "Hi", "Hello", "x")}); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Search(ctx, "订单", 10); err != nil || len(hits) != 1 {
		t.Errorf("after the next sync: %d hits, %v", len(hits), err)
	}
}
