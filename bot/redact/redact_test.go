package redact_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"email", "write to jane.doe+id@example.co.uk please", "write to [email] please"},
		{"phone international", "call +1 (555) 123-4567 now", "call [phone] now"},
		{"phone grouped", "my number is 020 7946 0958", "my number is [phone]"},
		{"ssn", "my ssn is 078-05-1120", "my ssn is [SSN]"},
		{"card", "card 4111 1111 1111 1111 was charged", "card [card number] was charged"},
		{"passport number", "passport X12345678 rejected", "passport [passport number] rejected"},
		{"licence number", "license D1234-56789-01234", "license [driving licence number]"},
		{"digits", "reference 12345678901", "reference [number]"},
		{"mrz", "P<USASMITH<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "[MRZ line]"},
		{"mrz second line", "L898902C36UTO7408122F1204159ZE184226B<<<<<10", "[MRZ line]"},
		{"nothing", "my selfie keeps failing", "my selfie keeps failing"},
		{"short numbers stay", "tried 3 times in 20 minutes on iphone 13", "tried 3 times in 20 minutes on iphone 13"},
		{"dates stay", "since 2026-11-27 and 27.11.2026", "since 2026-11-27 and 27.11.2026"},
		{"words with few digits stay", "error code E42 on step2", "error code E42 on step2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := redact.Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCardNeedsLuhn(t *testing.T) {
	if got := redact.Text("order 4111 1111 1111 1112"); strings.Contains(got, "[card number]") {
		t.Errorf("a number failing the Luhn check was taken for a card: %q", got)
	}
}

// FuzzText shows that redaction never panics, keeps valid text valid, and
// leaves no long digit run behind.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "078-05-1120", "4111111111111111", "a@b.co", "P<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "+44 20 7946 0958", "é12345678", "\xff\xfe123456789"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := redact.Text(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("valid input %q gave invalid output %q", s, out)
		}
		run := 0
		for _, r := range out {
			if r >= '0' && r <= '9' {
				run++
				if run >= 6 {
					t.Fatalf("a run of 6 digits survived in %q (from %q)", out, s)
				}
			} else {
				run = 0
			}
		}
	})
}

func TestSensitive(t *testing.T) {
	positives := []string{
		"my passport number is X12345678, why is it rejected",
		"here is my ssn 078-05-1120",
		"card 4111 1111 1111 1111 declined during verification",
		"P<USASMITH<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10",
		"driver's license D1234-56789-01234 not accepted",
		"my ID number is 123456789",
		"national id AB1234567C won't scan",
	}
	negatives := []string{
		"my order A1234567 hasn't arrived",
		"the verification failed on 2026-11-27 at 10:30",
		"error code 4012 on the selfie step",
		"I tried 12 times since 27.11.2026",
		"ticket #48213 about my passport",
		"call me on +1 555 123 4567",
		"my passport photo is blurry",
		"iphone 13 nfc won't read",
	}
	for _, s := range positives {
		if len(redact.Sensitive(s)) == 0 {
			t.Errorf("not caught: %q", s)
		}
	}
	for _, s := range negatives {
		if k := redact.Sensitive(s); len(k) != 0 {
			t.Errorf("false alarm %v: %q", k, s)
		}
	}
}

// FuzzSensitive shows that the guard's check never panics and agrees with
// redaction: whatever it calls sensitive, Text masks.
func FuzzSensitive(f *testing.F) {
	for _, s := range []string{"passport X12345678", "078-05-1120", "order A1234567", "P<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(redact.Sensitive(s)) > 0 && redact.Text(s) == s {
			t.Fatalf("sensitive but nothing masked: %q", s)
		}
	})
}

func TestFindKeepsOrderAcrossKinds(t *testing.T) {
	text := strings.Repeat("a@b.co 1234567 4111111111111111 ", 3)
	var kinds []redact.Kind
	for _, f := range redact.Find(text) {
		kinds = append(kinds, f.Kind)
	}
	want := []redact.Kind{redact.Email, redact.Digits, redact.Card, redact.Email, redact.Digits, redact.Card, redact.Email, redact.Digits, redact.Card}
	if !slices.Equal(kinds, want) {
		t.Errorf("Find(%q) kinds = %v, want %v", text, kinds, want)
	}
}

// FuzzFind shows that findings are in order, inside the text and never
// overlap.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"a@b.co 1234567 ab12345 a@b.co", "call +1 (555) 123-4567 or 078-05-1120", "P<USASMITH<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<<< 4111 1111 1111 1111"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, fd := range redact.Find(s) {
			if fd.Start < last || fd.End <= fd.Start || fd.End > len(s) {
				t.Fatalf("finding %+v out of order or bounds (previous ended at %d) in %q", fd, last, s)
			}
			last = fd.End
		}
	})
}

// FuzzCheck shows that Check never panics, that findings are in order,
// inside the text, on character boundaries and never overlapping, that
// masked text stays valid and that the guard agrees with the kinds.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"passport X12345678", "DOB 12/03/1985", "221B Baker Street, London NW1 6XE", "IBAN DE89 3704 0044 0532 0130 00",
		"４１１１ １１１１ １１１１ １１１１", "aadhaar २३४५ ६७८९ ०१२४", "p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<",
		"jané@exämple.com 4111\n1111 1111 1111", "session 550e8400-e29b-41d4-a716-446655440000", "ß\u0301é12345678",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, fd := range redact.Find(s) {
			if fd.Start < last || fd.End <= fd.Start || fd.End > len(s) {
				t.Fatalf("finding %+v out of order or bounds (previous ended at %d) in %q", fd, last, s)
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[fd.Start]) || fd.End < len(s) && !utf8.RuneStart(s[fd.End])) {
				t.Fatalf("finding %+v cuts a character in %q", fd, s)
			}
			last = fd.End
		}
		r := redact.Check(s)
		if utf8.ValidString(s) && !utf8.ValidString(r.Masked) {
			t.Fatalf("valid input %q gave invalid output %q", s, r.Masked)
		}
		if r.Guard != (len(redact.Sensitive(s)) > 0) {
			t.Fatalf("Check guard %v, Sensitive %v for %q", r.Guard, redact.Sensitive(s), s)
		}
		if r.Masked != redact.Text(s) {
			t.Fatalf("Check masked %q, Text %q", r.Masked, redact.Text(s))
		}
		if strings.Contains(s, "<<") && slices.Contains(r.Kinds, redact.MRZ) && strings.Count(r.Masked, "<<") >= strings.Count(s, "<<") {
			t.Fatalf("an MRZ was found but its << stayed: %q", r.Masked)
		}
	})
}

func TestCheckKinds(t *testing.T) {
	tests := []struct {
		name, in string
		kind     redact.Kind
		masked   string
	}{
		{"card with dots", "card 4111.1111.1111.1111 declined", redact.Card, "card [card number] declined"},
		{"card in full-width digits", "４１１１ １１１１ １１１１ １１１１", redact.Card, "[card number]"},
		{"card over a line break", "4111 1111\n1111 1111", redact.Card, "[card number]"},
		{"card in two parts", "card 4111 1111 1111 then 1111", redact.Card, "card [card number] then [card number]"},
		{"ssn in two parts", "ssn is 219-09 and then 9999", redact.SSN, "ssn is [SSN] and then [SSN]"},
		{"card in arabic-indic digits", "بطاقتي ٤١١١ ١١١١ ١١١١ ١١١١", redact.Card, "بطاقتي [card number]"},
		{"iban grouped in small letters", "iban de89 3704 0044 0532 0130 00 ok?", redact.IBAN, "iban [IBAN] ok?"},
		{"ssn without separators after social", "my social 219099999", redact.SSN, "my social [SSN]"},
		{"ssn with dots", "ssn 219.09.9999", redact.SSN, "ssn [SSN]"},
		{"aadhaar in devanagari digits", "आधार २३४५ ६७८९ ०१२४", redact.Aadhaar, "आधार [Aadhaar number]"},
		{"pan", "PAN AFZPK7190K", redact.PAN, "PAN [PAN]"},
		{"cpf", "cpf 529.982.247-25", redact.CPF, "cpf [CPF]"},
		{"curp", "CURP GAVV730512HJCBRX00", redact.CURP, "CURP [CURP]"},
		{"sin in threes", "046 454 286", redact.SIN, "[SIN]"},
		{"dni", "DNI 12345678Z", redact.DNI, "DNI [DNI]"},
		{"nie", "NIE X1234567L", redact.NIE, "NIE [NIE]"},
		{"codice fiscale", "CF RSSMRA85T10A562S", redact.CodiceFiscale, "CF [codice fiscale]"},
		{"chinese resident id", "身份证 11010519491231002X", redact.ResidentID, "身份证 [resident ID number]"},
		{"ni number grouped", "AB 12 34 56 C", redact.NINumber, "[NI number]"},
		{"uk licence", "MORGA753116SM9IJ", redact.Licence, "[driving licence number]"},
		{"us licence in threes", "dl 123 456 789 from NY", redact.Licence, "dl [driving licence number] from NY"},
		{"passport in spanish", "número de pasaporte PAB123456", redact.Passport, "número de pasaporte [passport number]"},
		{"passport after the number", "X1234567 is my passport number", redact.Passport, "[passport number] is my passport number"},
		{"personalausweis", "Ausweisnummer L01X00T47", redact.IDNumber, "Ausweisnummer [ID number]"},
		{"personnummer", "811228-9874", redact.Personnummer, "[personnummer]"},
		{"mrz in small letters", "p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<", redact.MRZ, "[MRZ line]"},
		{"mrz two lines", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", redact.MRZ, "[MRZ line]"},
		{"date of birth by a birth word", "geboren am 3. März 1988", redact.Birth, "geboren am [date of birth]"},
		{"date of birth by a name", "Jane Doe 03/04/1992", redact.Birth, "Jane Doe [date of birth]"},
		{"address", "I live at 350 Fifth Avenue, New York, NY 10118", redact.Address, "I live at [address]"},
		{"address street first", "Calle de Alcalá 45, 28014 Madrid", redact.Address, "[address]"},
		{"non-ascii email", "write to jané@exämple.com", redact.Email, "write to [email]"},
		{"passport after its keyword in chinese", "护照号码EG0897361，NFC读取失败", redact.Passport, "护照号码[passport number]，NFC读取失败"},
		{"passport after its keyword in japanese", "パスポート番号はTK8212554です", redact.Passport, "パスポート番号は[passport number]です"},
		{"korean resident registration number", "주민등록번호 900101-1234568 입력", redact.RRN, "주민등록번호 [resident registration number] 입력"},
		{"german identity card without digits", "id card VXGNFNYGL (DEU)", redact.IDNumber, "id card [ID number] (DEU)"},
		{"german passport after Reisepassnr.", "Reisepassnr. C4J8K2LM7 bitte", redact.Passport, "Reisepassnr. [passport number] bitte"},
		{"ssn in two parts across sentences", "my ssn is 859 47 ... sorry, hit enter ... 6100", redact.SSN, "my ssn is [SSN] ... sorry, hit enter ... [SSN]"},
		{"iban in two parts", "iban part 1: DE59 1002 0500 part 2: 2691 5956 41", redact.IBAN, "iban part 1: [IBAN] part 2: [IBAN]"},
		{"address without a postcode", "I live at 42 Baker Street, London", redact.Address, "I live at [address]"},
		{"address after its cue", "address: Flat 7B, Lakshmi Nivas, 14th Cross, Mumbai 400053", redact.Address, "address: [address]"},
		{"address in japanese", "住所 東京都新宿区西新宿2-8-1", redact.Address, "[address]"},
		{"date of birth after b.", "Maria Osei b. 16-Oct-1977", redact.Birth, "Maria Osei b. [date of birth]"},
		{"card after mc failing luhn", "mc 5598868881030882", redact.Card, "mc [card number]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := redact.Check(tt.in)
			if !slices.Contains(r.Kinds, tt.kind) || r.Masked != tt.masked {
				t.Errorf("Check(%q) = %v %q, want %s %q", tt.in, r.Kinds, r.Masked, tt.kind, tt.masked)
			}
			if tt.kind.Guarded() != r.Guard {
				t.Errorf("guard %v for %s", r.Guard, tt.kind)
			}
		})
	}
}

// TestNeverFire holds what the guard must never refuse: references and
// codes that are not personal data, even beside an "id".
func TestNeverFire(t *testing.T) {
	tests := []struct{ name, in string }{
		{"ticket beside id", "ticket 48213927 about my id"},
		{"case number beside id", "re my ID: case #00984213 still open"},
		{"order number", "order 1234567890 - id verification stuck"},
		{"session uuid", "id session 3f2504e0-4f89-11d3-9a0c-0305e82c3301 expired"},
		{"microsoft sign-in error", "AADSTS700016 on the ID step"},
		{"okta org id", "Okta org 00o1abCD2efGH3ijk4x7 id verification"},
		{"persona inquiry id", "my id inquiry inq_9sDk2LmQpR7tWx3 failed"},
		{"version numbers", "id scan fails on iOS 17.4.1, app 24.11.3 (build 1234), Windows 10.0.19045.3803"},
		{"phone models", "Galaxy S23 Ultra, SM-G991B and iPhone 15 Pro Max, ID not detected"},
		{"dates alone", "my ID expired on 2024-03-01, tried 03/15/2025, expires 11/2031"},
		{"times", "tried the id check at 10:30 and 11:45, took 15:32"},
		{"amounts", "charged $1,234.56 and 1.234,56 € for the ID check"},
		{"steps", "id step 4 of 6, tried 20 times"},
		{"one-time code", "my code 123456 didn't arrive for the id check"},
		{"sms code beside passport", "the SMS code 739201 for my passport check expired"},
		{"phone number beside id", "call me at (415) 555-0132 about my ID"},
		{"resolution", "ID card photo 1920x1080"},
		{"year of birth only", "born in 1990, is my ID ok?"},
		{"street without a number", "the office on Main Street, London is closed"},
		{"order number that fails luhn", "order 4111 1111 1111 1112 for my id"},
		{"iban format hint", `the IBAN field shows "DE00 0000 0000 0000 0000 00", do I overwrite it?`},
		{"pan format hint", "PAN format should be AAAAA9999A right?"},
		{"passport format hint", "passport number field says X0000000"},
		{"boarding pass", "boarding pass 12345678 is not an ID right?"},
		{"italian code", "il codice 482913 non arriva"},
		{"issue date beside a birth word", "my date of birth is wrong; the ID was issued 12/03/2015"},
		{"german customer number", "Kundennummer 12345678 wird nicht erkannt"},
		{"chinese order number", "订单号 1234567890 一直没有更新"},
		{"korean phone number", "전화번호 010-1234-5678 로 연락주세요"},
		{"address question", "my address changed, zip 94107, do I verify again?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := redact.Check(tt.in); r.Guard {
				t.Errorf("false alarm %v: %q -> %q", r.Kinds, tt.in, r.Masked)
			}
		})
	}
}
