package mime

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Outlook wraps attachments in TNEF ("winmail.dat", application/ms-tnef) when it thinks
// the recipient is Outlook too; other readers then show one useless file. parseTNEF
// reads the format as MS-OXTNEF documents it, far enough to list the files inside: their
// names, types and bytes. The message body TNEF may carry (RTF) is not read: Outlook
// always sends a plain or HTML body beside it.

const tnefSignature = 0x223E9F78

// TNEF attribute ids (the low 16 bits; the high 16 bits are the attribute's type).
const (
	attAttachData     = 0x800F
	attAttachTitle    = 0x8010
	attAttachRendData = 0x9002 // starts each attachment
	attAttachment     = 0x9005 // the attachment's MAPI properties
	attOemCodepage    = 0x9007
)

// MAPI property ids and types used here.
const (
	prAttachDataBin  = 0x3701
	prAttachFilename = 0x3704
	prAttachLongName = 0x3707
	prAttachMimeTag  = 0x370E
	prDisplayName    = 0x3001

	ptString8 = 0x001E
	ptUnicode = 0x001F
	ptBinary  = 0x0102
	ptObject  = 0x000D
	ptMulti   = 0x1000
)

type tnefFile struct {
	name, longName, mimeType string
	data                     []byte
}

// Name is the best name the file carries: the long one, else the 8.3 one.
func (f *tnefFile) Name() string {
	if f.longName != "" {
		return f.longName
	}
	return f.name
}

var errTNEFTruncated = errors.New("TNEF data ends early")

// parseTNEF lists the files inside TNEF data. On damaged data it returns what it read
// before the damage together with the error.
//
// decode converts the 8-bit strings of the given charset ("" when TNEF did not say).
func parseTNEF(b []byte, maxFiles int, decode func(charset string, s []byte) string) ([]*tnefFile, error) {
	if len(b) < 6 || binary.LittleEndian.Uint32(b) != tnefSignature {
		return nil, errors.New("not TNEF data")
	}
	codepage := "windows-1252"
	var files []*tnefFile
	var cur *tnefFile
	for pos := 6; pos < len(b); {
		// level (1), id (4), length (4), data, checksum (2)
		if len(b)-pos < 9 {
			return files, errTNEFTruncated
		}
		id := binary.LittleEndian.Uint32(b[pos+1:]) & 0xFFFF
		n := int(binary.LittleEndian.Uint32(b[pos+5:]))
		pos += 9
		if n < 0 || n > len(b)-pos {
			return files, errTNEFTruncated
		}
		data := b[pos : pos+n]
		pos += n + 2
		switch id {
		case attOemCodepage:
			if len(data) >= 4 {
				codepage = windowsCodepage(binary.LittleEndian.Uint32(data))
			}
		case attAttachRendData:
			if len(files) >= maxFiles {
				return files, errors.New("too many files in TNEF data")
			}
			cur = &tnefFile{}
			files = append(files, cur)
		case attAttachTitle, attAttachData, attAttachment:
			if cur == nil {
				// Some writers omit the rendering attribute before the first file.
				cur = &tnefFile{}
				files = append(files, cur)
			}
			switch id {
			case attAttachTitle:
				cur.name = decode(codepage, bytes.TrimRight(data, "\x00"))
			case attAttachData:
				cur.data = data
			default:
				if err := cur.mapiProps(data, codepage, decode); err != nil {
					return files, err
				}
			}
		}
	}
	return files, nil
}

// mapiProps reads the attachment properties that name and hold the file.
func (f *tnefFile) mapiProps(b []byte, codepage string, decode func(string, []byte) string) error {
	r := tnefReader{b: b}
	count := r.u32()
	for i := uint32(0); i < count && r.err == nil; i++ {
		typ, id := r.u16(), r.u16()
		if id >= 0x8000 { // a named property: GUID, then a number or a name
			r.skip(16)
			if r.u32() == 1 {
				r.skip(pad4(int(r.u32())))
			} else {
				r.skip(4)
			}
		}
		values := uint32(1)
		multi := typ&ptMulti != 0
		typ &^= ptMulti
		variable := typ == ptString8 || typ == ptUnicode || typ == ptBinary || typ == ptObject
		if multi || variable {
			values = r.u32()
		}
		for v := uint32(0); v < values && r.err == nil; v++ {
			if !variable {
				size, ok := fixedSize(typ)
				if !ok {
					return errors.New("unknown MAPI property type " + strconv.Itoa(int(typ)))
				}
				r.skip(size)
				continue
			}
			val := r.bytes(int(r.u32()))
			switch typ {
			case ptString8:
				f.setProp(id, decode(codepage, bytes.TrimRight(val, "\x00")), nil)
			case ptUnicode:
				f.setProp(id, utf16LE(val), nil)
			case ptBinary:
				f.setProp(id, "", val)
			}
		}
	}
	return r.err
}

func (f *tnefFile) setProp(id uint16, s string, data []byte) {
	switch id {
	case prAttachLongName:
		f.longName = s
	case prAttachFilename:
		if f.name == "" {
			f.name = s
		}
	case prDisplayName:
		if f.name == "" {
			f.name = s
		}
	case prAttachMimeTag:
		f.mimeType = strings.ToLower(strings.TrimSpace(s))
	case prAttachDataBin:
		if f.data == nil {
			f.data = data
		}
	}
}

func fixedSize(typ uint16) (int, bool) {
	switch typ {
	case 0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x000A, 0x000B:
		return 4, true // 16-bit values are padded to 4 bytes
	case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040:
		return 8, true
	case 0x0048:
		return 16, true
	}
	return 0, false
}

func pad4(n int) int { return (n + 3) &^ 3 }

// tnefReader reads little-endian values and remembers the first overrun.
type tnefReader struct {
	b   []byte
	pos int
	err error
}

func (r *tnefReader) bytes(n int) []byte {
	if r.err != nil || n < 0 || pad4(n) > len(r.b)-r.pos {
		r.err = errTNEFTruncated
		return nil
	}
	v := r.b[r.pos : r.pos+n]
	r.pos += pad4(n)
	return v
}

func (r *tnefReader) skip(n int) { r.bytes(n) }

func (r *tnefReader) u32() uint32 {
	if v := r.bytes(4); v != nil {
		return binary.LittleEndian.Uint32(v)
	}
	return 0
}

func (r *tnefReader) u16() uint16 {
	if r.err != nil || len(r.b)-r.pos < 2 {
		r.err = errTNEFTruncated
		return 0
	}
	v := binary.LittleEndian.Uint16(r.b[r.pos:])
	r.pos += 2
	return v
}

func utf16LE(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, binary.LittleEndian.Uint16(b[i:]))
	}
	return strings.TrimRight(string(utf16.Decode(u)), "\x00")
}

// windowsCodepage names the charset of a Windows code page number.
func windowsCodepage(cp uint32) string {
	switch {
	case cp >= 1250 && cp <= 1258:
		return "windows-" + strconv.Itoa(int(cp))
	case cp == 65001:
		return "utf-8"
	case cp == 20866:
		return "koi8-r"
	case cp == 28591:
		return "iso-8859-1"
	case cp == 28592:
		return "iso-8859-2"
	case cp == 932:
		return "shift_jis"
	case cp == 936:
		return "gbk"
	case cp == 949:
		return "euc-kr"
	case cp == 950:
		return "big5"
	}
	return "" // unknown: guessed from the bytes
}
