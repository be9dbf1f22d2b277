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
	// wordTight is a keyword too common in other senses to arm a number
	// unless it comes right before it: "Pass: C01X00T47", "lic 123456".
	wordTight
	// wordAddress says an address follows: "address", "Adresse", 住所.
	wordAddress
	// wordDateOther says the date after it is not a date of birth:
	// "issued", "expires", "gültig bis".
	wordDateOther
	// wordExample says what follows is an example or a format, not a
	// value: "example: AB123456C".
	wordExample
	// wordArea names a part of an address that is not a street:
	// "Sector 62", "Blk 4", "Brgy. Poblacion".
	wordArea
	// wordNamedID is the name of one identity document or number, not a
	// word for any ("PPS", "PESEL", "DNI", not "ID" or "document"): a
	// number written like one may come a few sentences later.
	wordNamedID
	// wordClause starts a clause of its own: an order or error word
	// beyond it is not about the number ("434 37 6791 but the
	// verification says").
	wordClause
)

const armAny = armPassport | armLicence | armSSN | armSIN | armAadhaar | armCPF | armID | armCard | armIBAN

// words maps lower-case folded words (accents removed) to their class.
var words = map[string]uint32{}

// wordIndex is words as a perfect hash table (see wordtable.go).
var wordIndex wordTable

// maxWord is the longest word in words.
const maxWord = 30

func init() {
	add := func(class uint32, list string) {
		for _, w := range strings.Fields(list) {
			words[w] |= class
		}
	}
	add(armPassport, `paszportu paszport paszportowy passport passports passportnumber passportno passportnr pp pasaporte pasaportes passeport passeports
		passaporto passaporti passaporte passaportes reisepass reisepasse reisepassnummer reisepassnr passnummer passnr
		paspoort paspoortnummer pasport paszport paszportu pasaport pasaportu passaportnummer passi hochiki`)
	add(armPassport|wordTight, "pass")
	add(armLicence, `licence license licences licenses licencia licenca licenza dl dln driver drivers driving conducir conduire
		conducao conduccion manejo motorista permis fuhrerschein fuehrerschein fuhrerscheinnummer fuhrerscheinnr cnh
		patente rijbewijs rijbewijsnummer korkort korkortsnummer ehliyet prawo jazdy`)
	add(armLicence|wordTight, "lic licno")
	add(armSSN, "ssn ssns social soc security seguro itin ss ssnum")
	add(armSIN, "sin nas")
	add(armSIN|wordTight, "insurance assurance")
	add(armAadhaar, "aadhaar aadhar adhaar adhar aadhaarcard uid uidai")
	add(armCPF, "cpf")
	add(armID, `id ids identity identification identidad identidade identita identite identitat national nacional nationale nazionale
		document documento documentos documents doc dni nif cif curp rfc pan cpf rg cedula rut dui dpi cuil cuit
		cf fiscale tessera ausweis ausweise personalausweis ausweisnummer ausweisnr personalausweisnummer
		personalausweisnr perso idkarte idnr idnummer identitatskarte identiteitskaart identiteitsbewijs cni carte titre sejour
		ni nir secu securite sociale vitale nin nino nimc bvn bsn burgerservicenummer personnummer personnr pesel cnp egn oib
		jmbg amka afm ppsn hetu cpr nric fin mykad nik ktp hkid cnic nid kimlik tckn emirates iqama nhs medicare tfn
		sozialversicherungsnummer steuer steuerid steueridentifikationsnummer steuernummer tax taxpayer tin ine ife
		elector voter epic aadhaar aadhar pan ssn sin nas sss umid crn philhealth philsys psn gsis prc rrn mynumber
		resident residence eleitor titulo nss ohip ramq healthcard dowod dowodu osobisty osobistego pps
		obcansky obcanskeho prukaz prukazu`)
	add(armID|wordTight, "ic cc ci nie")
	add(wordNamedID, `dni nif cif curp rfc cpf rg cedula rut dui dpi cuil cuit cni nir nin nino nimc bvn bsn pesel cnp egn oib jmbg
		amka afm ppsn pps hetu cpr nric mykad nik ktp hkid cnic iqama nhs medicare tfn sss umid crn philhealth philsys psn gsis
		rrn mynumber ssn sin nas aadhaar aadhar pan ine ife elector personalausweis ausweis perso steuerid dowod osobisty prukaz`)
	add(armBirth, `dob birth birthday birthdate bday born nac nasc nacimiento nacido nacida naci naissance ne nee ddn geboren
		geburtsdatum geburtstag geb gebdatum nascita nato nata nascimento nascido nascida nasci fdn geboortedatum
		fodselsdato fodelsedatum syntymaaika urodzenia dogum`)
	add(armBirth|wordTight, "b")
	add(armCard, "card credit debit visa mastercard amex tarjeta carte karte kreditkarte cartao carta kaart kort")
	add(armCard|wordTight, "mc")
	add(armIBAN, "iban bic swift konto kontonummer account cuenta compte conta bank clabe rekening")
	add(wordNever, `order orders ticket tickets case cases session sessions inquiry inquiries inq transaction transactions txn
		reference ref tracking invoice receipt error errors err code codes otp pin request req build version ver step steps
		attempt attempts org organization organisation tenant acct model serial imei key token pedido commande bestellung
		bestellnummer ordine caso fehler erreur codigo fattura factura facture rechnung referencia phone tel telephone mobile
		cell whatsapp sms issue bug job trace correlation device app client customer boarding member user username chat message msg
		thread template confirmation booking reservation flight shipment parcel package sku item product workspace
		project application appid clientid tenantid orgid userid sessionid requestid traceid port line page screen times
		minutes seconds hours days ms ios android iphone galaxy pixel windows macos chrome firefox safari
		discord slack telegram steam twitter github gitlab roblox xbox snowflake student employee staff badge
		library school university loyalty membership subscription call text ring reach contact dial fax
		run pipeline workflow task process pid batch queue event log record row entry upload webhook api endpoint
		verification llamame llamar llama telefono movil celular ligar liga ligue telemovel telefone appeler appelle appelez
		portable anrufen ruf handy telefonnummer handynummer chiamare chiamami cellulare numero_di_telefono whats wa
		zip zipcode postcode plz cep kod kode koodi kodu policy auftrag auftrags kunden kunde kundennummer vorgang vorgangs sendung sendungs mitglied mitglieds vertrag
		vertrags serien gerat rechnungs fall falls bestell klant klantnummer bestel factuur kund protocolo protokoll
		chamado ticketnummer`)
	add(wordDateOther, `issued issue issuance expires expire expiry expired expiration exp valid validity renewed since until
		emitido emision expedido expedicion vencimiento vence caducidad caduca validade emissao expira emis delivre
		expiration ausgestellt ausstellung gultig ablauf ablaufdatum scadenza rilascio rilasciato opened created joined`)
	add(wordArea, `sector sec block blk lot phase brgy barangay purok sitio residency apartments apartment tower towers society colony
		enclave vihar layout colonia col bairro quartier`)
	add(wordClause, "but and or then because pero porque mais ou aber oder weil und ma perche mas")
	add(wordAbout, "about regarding concerning re since after wegen bezuglich betreffend sobre acerca concernant riguardo circa")
	add(wordQualified, "id ids number numbers no nr num numero nummer numer n")
	add(wordFiller, `my mine our your his her is was are be the a an of for number numbers no nr num numero nummer numer cislo n is it its
		es est ist e mi mis mio mia mon ma mes meu minha mein meine meiner meinen de du des del la le el los las da do dos di
		der die das dem den s d l here this that with on at en au a as card its my: is: ist: here's heres following below
		again still also just written printed reads says shows ending starts start begins begin full complete`)
	add(wordStreet, `rue calle avenida avda av avenue ave rua travessa alameda paseo plaza carrera camino via viale piazza corso largo
		vicolo chemin allee impasse quai cours boulevard blvd ulica ul carrer avinguda passeig ronda calzada estrada praca
		rodovia strada piazzale contrada`)
	add(wordStreet2, `street st road rd lane ln drive dr boulevard blvd way court ct place pl terrace crescent close highway hwy
		parkway pkwy square sq circle cir trail avenue ave grove gardens gdns mews row walk hill park view rise green gate
		cross parade wharf quay yard vale loop pike bend alley circuit esplanade promenade marg nagar
		strasse str weg allee platz gasse ring damm ufer steig pfad chaussee markt straat laan gracht plein kade dijk singel
		gatan vagen gata vej veien`)
	add(wordExample|wordNever, `example examples eg format formats sample placeholder test testing sandbox dummy fake ejemplo exemple
		beispiel esempio exemplo formato muster prueba teste`)
	add(wordAddress, `address addresses adress adresse adres direccion domicilio endereco morada indirizzo anschrift wohnhaft
		wohnadresse live lives living reside resides wohne wohnen vivo moro habite habito abito ship shipping deliver
		delivery mailing billing postal moved relocated shifted`)
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
	wordIndex = newWordTable(words, wordSlotBits)
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

// compoundEnds end the compounds German, Dutch and the Scandinavian
// languages make of a keyword and "number": "Reisepassnr",
// "Führerscheinnummer", "Kundennummer".
var compoundEnds = [...]string{"nummer", "nummern", "number", "numero", "nr", "no", "num", "nro"}

// compoundLast has the last letters of compoundEnds.
var compoundLast = [256]bool{'r': true, 'o': true, 'm': true, 'n': true}

// compound returns the class of the compound lo[a:a+n] made of a known
// word and one of compoundEnds: what the word arms, or that it is an
// order or a ticket. The word may end in the joining s or n:
// "Auftragsnummer", "Kreditkartennummer".
func compound(lo []byte, a, n int) uint32 {
	w := lo[a : a+n]
	for _, end := range compoundEnds {
		stem := n - len(end)
		if stem < 3 || string(w[stem:]) != end {
			continue
		}
		c := wordIndex.lookupAt(lo, a, stem)
		if c == 0 && (w[stem-1] == 's' || w[stem-1] == 'n') {
			c = wordIndex.lookupAt(lo, a, stem-1)
		}
		if c&(armAny|wordNever) != 0 {
			return c & (armAny | wordNever)
		}
	}
	return 0
}
