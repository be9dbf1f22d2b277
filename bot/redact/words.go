package redact

import "strings"

// A word's class: the kinds of number it makes likely when near one
// (arms), or that it makes a number an order, ticket or error reference
// (never), or that it says nothing either way (filler).
const (
	armPassport uint32 = 1 << iota
	armLicence
	armSSN
	armSIN
	armAadhaar
	armCPF
	armID // a national or other identity number
	armBirth
	armCard
	armIBAN
	wordNever
	wordFiller
	// wordQualified is a word like "id" or "number" that is about an
	// order or a session when such a word comes right before it.
	wordQualified
	wordStreet  // a street word that comes before the name: "rue", "calle"
	wordStreet2 // a street word that comes after the name: "street", "road"
	wordMonth
	wordNameStop // a capitalized word that is not a name
	wordConnector
	// wordAbout is a word after a number that makes what follows the
	// topic, not the number's name: "555-123-4567 about my ID".
	wordAbout
)

const armAny = armPassport | armLicence | armSSN | armSIN | armAadhaar | armCPF | armID | armCard | armIBAN

// words maps lower-case folded words (accents removed) to their class.
var words = map[string]uint32{}

// wordIndex is words as an open-addressing table (see wordtable.go).
var wordIndex wordTable

// maxWord is the longest word in words.
const maxWord = 30

// wordShapes[n][first] has the bit of the last letter of every word of n
// letters starting with first: most words are not in words, and this
// tells so without looking them up.
var wordShapes [maxWord + 1][26]uint32

// maybeWord reports whether the lower-case w may be in words.
func maybeWord(w []byte) bool {
	f, l := w[0], w[len(w)-1]
	if f < 'a' || f > 'z' || l < 'a' || l > 'z' {
		return false
	}
	return wordShapes[len(w)][f-'a']&(1<<(l-'a')) != 0
}

func init() {
	add := func(class uint32, list string) {
		for _, w := range strings.Fields(list) {
			words[w] |= class
			if len(w) <= maxWord && w[0] >= 'a' && w[0] <= 'z' && w[len(w)-1] >= 'a' && w[len(w)-1] <= 'z' {
				wordShapes[len(w)][w[0]-'a'] |= 1 << (w[len(w)-1] - 'a')
			}
		}
	}
	add(armPassport, "passport passports passportnumber pp pasaporte pasaportes passeport passeports passaporto passaporte reisepass reisepassnummer passnummer passnr paspoort pasport paszport pasaport pasaportu passaportnummer")
	add(armLicence, "licence license licences licenses licencia licenca licenza dl dln driver drivers driving conducir conduire conducao conduccion permis fuhrerschein fuehrerschein fuhrerscheinnummer cnh patente rijbewijs korkort")
	add(armSSN, "ssn ssns social soc security seguro itin ss")
	add(armSIN, "sin nas insurance assurance")
	add(armAadhaar, "aadhaar aadhar adhaar adhar aadhaarcard uid uidai")
	add(armCPF, "cpf")
	add(armID, `id ids identity identification identidad identidade identita identite identitat national nacional nationale nazionale
		document documento documentos documents doc dni nie nif cif curp rfc pan cpf rg cedula rut dui dpi cuil cuit
		cf fiscale codice tessera ausweis personalausweis ausweisnummer personalausweisnummer perso idkarte cni carte
		ni nir secu securite sociale vitale nin nino bsn burgerservicenummer personnummer personnr pesel cnp egn oib jmbg amka ppsn nric mykad nik ktp hkid
		kimlik tckn emirates iqama nhs medicare tfn sozialversicherungsnummer steuerid steueridentifikationsnummer steuernummer
		tax taxpayer tin ine elector voter aadhaar aadhar pan ssn sin nas`)
	add(armBirth, "dob birth birthday birthdate bday born nac nasc nacimiento nacido nacida naci naissance ne nee geboren geburtsdatum geburtstag geb nascita nato nata nascimento nascido nascida nasci fdn")
	add(armCard, "card credit debit visa mastercard amex tarjeta carte karte kreditkarte cartao carta")
	add(armIBAN, "iban bic swift konto kontonummer account cuenta compte conta bank")
	add(wordNever, `order orders ticket tickets case cases session sessions inquiry inquiries inq transaction transactions txn tx
		reference ref tracking invoice receipt error errors err code codes otp pin request req build version ver step steps
		attempt attempts org organization organisation tenant acct model serial imei key token pedido commande bestellung
		bestellnummer ordine caso fehler erreur codigo fattura factura facture rechnung referencia phone tel telephone mobile
		cell whatsapp sms issue bug job trace correlation device app client customer member user username chat message msg
		thread template confirmation booking reservation flight shipment parcel package sku item product workspace
		project application appid clientid tenantid orgid userid sessionid requestid traceid port line page screen times
		minutes seconds hours days ms sec ios android iphone galaxy pixel windows macos chrome firefox safari
		discord slack telegram steam twitter github gitlab roblox xbox psn snowflake student employee staff badge
		library school university loyalty membership subscription call text ring reach contact dial fax
		run pipeline workflow task process pid batch queue event log record row entry file upload webhook api endpoint
		verification llamame llamar llama telefono movil celular ligar liga ligue telemovel telefone appeler appelle appelez
		portable anrufen ruf handy telefonnummer handynummer chiamare chiamami cellulare numero_di_telefono whats wa`)
	add(wordAbout, "about regarding concerning re since after wegen bezuglich betreffend sobre acerca concernant riguardo circa")
	add(wordQualified, "id ids number numbers no nr num numero nummer n")
	add(wordFiller, `my mine our your his her is was are be the a an of for number numbers no nr num numero nummer n is it its
		es est ist e mi mis mio mia mon ma mes meu minha mein meine meiner meinen de du des del la le el los las da do dos di
		der die das dem den s d l here this that with on at en au a as card its my: is: ist: here's heres following below
		again still also just written printed reads says shows ending starts start begins begin full complete`)
	add(wordStreet, "rue calle avenida avda av avenue ave rua travessa alameda paseo plaza carrera camino via viale piazza corso largo vicolo chemin allee impasse quai cours boulevard blvd ulica ul")
	add(wordStreet2, "street st road rd lane ln drive dr boulevard blvd way court ct place pl terrace crescent close highway hwy parkway pkwy square sq circle cir trail avenue ave strasse str weg allee platz gasse straat laan gracht plein")
	add(wordMonth, `january jan february feb march mar april apr may june jun july jul august aug september sep sept october oct november nov december dec
		enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
		janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
		januar februar marz maerz april juni juli oktober dezember
		gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
		janeiro fevereiro marco maio junho julho setembro outubro novembro dezembro`)
	add(wordConnector, "de of del du des di da das do dos la le the st saint san santa von van der den della delle dei degli al am an")
	add(wordNameStop, `hi hello hey dear thanks thank please name the my this since from until on at date expiry expires expired
		issued valid monday tuesday wednesday thursday friday saturday sunday persona google apple iphone android samsung
		windows chrome safari team support admin help verification passport license licence card today yesterday tomorrow
		good morning evening update error step selfie photo document id okay ok yes no why how what when where who which
		can could would should will i we you they he she it and or but so if`)
	wordIndex = newWordTable(words)
}

// months maps folded lower-case month names to their number.
var months = map[string]int{}

func init() {
	names := [12]string{
		"january jan enero janvier januar gennaio janeiro",
		"february feb febrero fevrier februar febbraio fevereiro",
		"march mar marzo mars marz maerz marco",
		"april apr abril avril aprile",
		"may mayo mai maggio maio",
		"june jun junio juin juni giugno junho",
		"july jul julio juillet juli luglio julho",
		"august aug agosto aout",
		"september sep sept septiembre setiembre septembre settembre setembro",
		"october oct octubre octobre oktober ottobre outubro",
		"november nov noviembre novembre novembro",
		"december dec diciembre decembre dezember dicembre dezembro",
	}
	for i, list := range names {
		for _, n := range strings.Fields(list) {
			months[n] = i + 1
		}
	}
}

// streetSuffixes end street names written as one word: "Hauptstraße".
var streetSuffixes = []string{"strasse", "str", "weg", "gasse", "allee", "platz", "damm", "straat", "laan", "gracht", "gatan", "gata", "vej", "veien", "vagen"}

// streetSuffixesByLast are streetSuffixes by their last letter.
var streetSuffixesByLast = func() (t [26][]string) {
	for _, s := range streetSuffixes {
		t[s[len(s)-1]-'a'] = append(t[s[len(s)-1]-'a'], s)
	}
	return t
}()
