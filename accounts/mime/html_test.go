package mime

import "testing"

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"entities", "Tack f&ouml;r &amp; &#x17E; &lt;b&gt;&nbsp;ok", "Tack för & ž <b> ok"},
		{"script and style dropped", "<style>p{color:red}</style>a<script>var x = '<p>no</p>';</script>b", "ab"},
		{"unclosed head ends at body", "<head><title>T</title><body>shown", "shown"},
		{"blocks", "<div>one</div><div>two</div><p>three</p>four<br>five", "one\ntwo\n\nthree\n\nfour\nfive"},
		{"link with different text", `<a href="https://x.example/a">Read more</a>`, "Read more (https://x.example/a)"},
		{"link showing its url", `<a href="https://www.x.example/">www.x.example</a>`, "www.x.example"},
		{"mailto", `<a href="mailto:a@example.com">a@example.com</a>`, "a@example.com"},
		{"javascript link", `<a href="javascript:alert(1)">click</a>`, "click"},
		{"image link", `<a href="https://x.example"><img src="http://x.example/i.png"></a>`, ""},
		{"remote image", `x<img src="http://tracker.example/p.gif">y`, "xy"},
		{"whitespace collapsed", "  a \n\t b  ", "a b"},
		{"pre keeps layout", "<pre>a  b\n  c</pre>", "a  b\n  c"},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"invisible padding", "Hi\u200c\u00ad&zwnj;&nbsp;there", "Hi there"},
		{"broken markup", "<p>a<b>b</i><p <<x", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLToText(tt.in); got != tt.want {
				t.Errorf("HTMLToText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
