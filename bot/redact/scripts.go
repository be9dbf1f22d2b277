package redact

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"
)

// The detectors read words in Latin letters. The keywords people write in
// other scripts are read as the Latin keyword they stand for: folding puts
// "passport" where the text says 护照, パスポート, 여권 or паспорт, between
// spaces, so that a number written against it ("护照号码EG0897361") is a
// word of its own. Chinese, Japanese and Korean are written without spaces
// between words (or with particles against them), so their other
// characters fold to spaces: a number next to them is still a number.
var scriptWords = []struct{ latin, words string }{
	{"passport", "护照 護照 パスポート 旅券 여권 паспорт паспорта паспорту паспорті पासपोर्ट جواز διαβατήριο หนังสือเดินทาง"},
	{"id", "身份证 身份證 居民身份证 身份证号 证件号 證件號 在留カード 住民票 身分証 身分証明書 外国人登録 외국인등록번호 신분증 удостоверение личности هوية ταυτότητα บัตรประชาชน"},
	{"mynumber", "マイナンバー 個人番号"},
	{"rrn", "주민등록번호 주민번호 주민등록"},
	{"licence", "驾照 駕照 驾驶证 駕駛證 驾驶执照 運転免許証 運転免許 免許証 운전면허증 운전면허 면허증 водительское водительские права लाइसेंस رخصة"},
	{"ssn", "社保号 社会保障号 снилс"},
	{"tax", "инн"},
	{"aadhaar", "आधार"},
	{"pan", "पैन"},
	{"card", "银行卡 信用卡 卡号 카드번호 신용카드 クレジットカード カード番号 карта карты"},
	{"iban", "账号 銀行口座 口座番号 계좌번호 счет счёт"},
	{"dob", "出生日期 出生年月日 生年月日 誕生日 生日 생년월일 생일 рождения जन्म ميلاد"},
	{"address", "地址 住址 住所 주소 адрес पता عنوان"},
	{"order", "订单 訂單 注文 주문 заказ طلب"},
	{"ticket", "工单 工單 票号 問い合わせ 문의"},
	{"error", "错误 錯誤 エラー 오류 에러 ошибка"},
	{"phone", "电话 電話 手机 手機 携帯 전화 휴대폰 телефон هاتف"},
	{"code", "验证码 驗證碼 認証コード 確認コード 인증번호 код رمز"},
}

// scriptWord is a keyword in another script and the Latin one it stands for.
type scriptWord struct {
	word  string // UTF-8
	latin string
}

var (
	// scriptIndex maps the first character of the keywords to them, the
	// longest first.
	scriptIndex = map[rune][]scriptWord{}
	// scriptFirst has the bit r%4096 of every first character, to tell
	// most characters are not one without a map look-up.
	scriptFirst [64]uint64
)

func init() {
	for _, l := range scriptWords {
		for _, w := range strings.Fields(l.words) {
			r, _ := utf8.DecodeRuneInString(w)
			scriptIndex[r] = append(scriptIndex[r], scriptWord{w, l.latin})
			scriptFirst[r%4096/64] |= 1 << (r % 64)
		}
	}
	for _, ws := range scriptIndex {
		sort.Slice(ws, func(i, j int) bool { return len(ws[i].word) > len(ws[j].word) })
	}
}

// scriptKeyword returns the Latin keyword the text starting with r stands
// for and the length of the keyword in text, or "" and 0.
func scriptKeyword(r rune, text []byte) (string, int) {
	if scriptFirst[r%4096/64]&(1<<(r%64)) == 0 {
		return "", 0
	}
	for _, w := range scriptIndex[r] {
		if bytes.HasPrefix(text, []byte(w.word)) {
			return w.latin, len(w.word)
		}
	}
	return "", 0
}

// spaceless reports whether r is a letter of a script written without
// spaces between words: Han, kana, Hangul.
func spaceless(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0x3040 && r <= 0x30FF ||
		r >= 0xAC00 && r <= 0xD7A3 || r >= 0x1100 && r <= 0x11FF || r >= 0x3130 && r <= 0x318F || r >= 0xF900 && r <= 0xFAFF
}
