package bot

import (
	"fmt"
	"strings"
)

// builtinTexts are the bot's own texts, those that do not come from the
// knowledge: the guard's warning, the rate-limit notice, the texts of a
// conversation's turns. They follow the reply's language where one is
// written here, else they are in English.
type builtinTexts struct {
	Guard, Limited, Failed           string
	NotAChoiceOne, NotAChoiceN       string // NotAChoiceN has a %d for the number of choices
	FollowUpGeneric, FollowUpNoTopic string
	NotHelpful, NotHelpfulNone       string
	HandoffBody, HandoffCalled       string
	HandoffAlready, NoHandoff        string
}

// builtin are the bot's own texts by language (a primary tag: "pt" serves
// "pt-BR").
var builtin = map[string]builtinTexts{
	"en": {
		Guard:           "For your safety, I haven't answered that in the channel: your message looks like it contains personal data: an ID, passport or card number, a line from a passport, a date of birth, a home address or a photo. Nobody here needs your documents or numbers, and they should never be posted in a chat. If you can, delete that message.\n\nAsk again without them and I'll help.",
		Limited:         "You're sending messages faster than I can keep up with. Please wait a minute before asking again.",
		Failed:          "Sorry, I can't answer right now because of a problem on my side.",
		NotAChoiceOne:   "That number isn't one of the choices: pick 1, or write your question in words.",
		NotAChoiceN:     "That number isn't one of the choices: pick a number from 1 to %d, or write your question in words.",
		FollowUpGeneric: "Sorry the steps above didn't sort it out. One of these topics may help:",
		FollowUpNoTopic: "Sorry the steps above didn't sort it out.",
		NotHelpful:      "Sorry that didn't help. Is it one of these?",
		NotHelpfulNone:  "Sorry that didn't help. You can ask again in other words, or pick a topic:",
		HandoffBody:     "You asked to talk to a person.",
		HandoffCalled:   "I've asked a person from the support team to join this conversation. They'll reply here; until then I'll stay quiet unless you mention me.",
		HandoffAlready:  "A person from the support team has already been asked to join this conversation; they'll reply here.",
		NoHandoff:       "I can't call a person into this chat from here.",
	},
	"es": {
		Guard:           "Por tu seguridad, no he respondido a eso en el canal: tu mensaje parece contener datos personales: un número de documento, pasaporte o tarjeta, una línea de un pasaporte, una fecha de nacimiento, una dirección o una foto. Aquí nadie necesita tus documentos ni tus números, y nunca deberían publicarse en un chat. Si puedes, borra ese mensaje.\n\nPregunta de nuevo sin ellos y te ayudo.",
		Limited:         "Estás enviando mensajes más rápido de lo que puedo atender. Espera un minuto antes de volver a preguntar.",
		Failed:          "Lo siento, ahora no puedo responder por un problema de mi parte.",
		NotAChoiceOne:   "Ese número no es una de las opciones: elige 1 o escribe tu pregunta con palabras.",
		NotAChoiceN:     "Ese número no es una de las opciones: elige un número del 1 al %d o escribe tu pregunta con palabras.",
		FollowUpGeneric: "Siento que los pasos de arriba no lo hayan resuelto. Quizá te ayude uno de estos temas:",
		FollowUpNoTopic: "Siento que los pasos de arriba no lo hayan resuelto.",
		NotHelpful:      "Siento que no haya servido. ¿Es alguno de estos?",
		NotHelpfulNone:  "Siento que no haya servido. Puedes preguntar de nuevo con otras palabras o elegir un tema:",
		HandoffBody:     "Has pedido hablar con una persona.",
		HandoffCalled:   "He pedido a una persona del equipo de soporte que se una a esta conversación. Te responderá aquí; hasta entonces no diré nada a menos que me menciones.",
		HandoffAlready:  "Ya se ha pedido a una persona del equipo de soporte que se una a esta conversación; te responderá aquí.",
		NoHandoff:       "Desde aquí no puedo llamar a una persona a este chat.",
	},
	"fr": {
		Guard:           "Pour votre sécurité, je n'ai pas répondu à cela dans le canal : votre message semble contenir des données personnelles : un numéro de pièce d'identité, de passeport ou de carte, une ligne d'un passeport, une date de naissance, une adresse ou une photo. Personne ici n'a besoin de vos documents ni de vos numéros, et ils ne devraient jamais être publiés dans un chat. Si vous le pouvez, supprimez ce message.\n\nReposez votre question sans eux et je vous aiderai.",
		Limited:         "Vous envoyez des messages plus vite que je ne peux suivre. Attendez une minute avant de reposer votre question.",
		Failed:          "Désolé, je ne peux pas répondre pour le moment à cause d'un problème de mon côté.",
		NotAChoiceOne:   "Ce numéro ne fait pas partie des choix : choisissez 1, ou écrivez votre question en toutes lettres.",
		NotAChoiceN:     "Ce numéro ne fait pas partie des choix : choisissez un numéro de 1 à %d, ou écrivez votre question en toutes lettres.",
		FollowUpGeneric: "Désolé que les étapes ci-dessus n'aient pas réglé le problème. L'un de ces sujets peut vous aider :",
		FollowUpNoTopic: "Désolé que les étapes ci-dessus n'aient pas réglé le problème.",
		NotHelpful:      "Désolé, cela n'a pas aidé. Est-ce l'un de ceux-ci ?",
		NotHelpfulNone:  "Désolé, cela n'a pas aidé. Vous pouvez reformuler votre question ou choisir un sujet :",
		HandoffBody:     "Vous avez demandé à parler à une personne.",
		HandoffCalled:   "J'ai demandé à une personne de l'équipe d'assistance de rejoindre cette conversation. Elle vous répondra ici ; d'ici là, je ne dirai rien sauf si vous me mentionnez.",
		HandoffAlready:  "Une personne de l'équipe d'assistance a déjà été invitée à rejoindre cette conversation ; elle vous répondra ici.",
		NoHandoff:       "Je ne peux pas faire venir une personne dans ce chat depuis ici.",
	},
	"de": {
		Guard:           "Zu deiner Sicherheit habe ich darauf nicht im Kanal geantwortet: Deine Nachricht scheint persönliche Daten zu enthalten: eine Ausweis-, Pass- oder Kartennummer, eine Zeile aus einem Pass, ein Geburtsdatum, eine Adresse oder ein Foto. Niemand hier braucht deine Dokumente oder Nummern, und sie sollten nie in einem Chat stehen. Wenn du kannst, lösche diese Nachricht.\n\nFrag noch einmal ohne sie, dann helfe ich dir.",
		Limited:         "Du schickst Nachrichten schneller, als ich mitkomme. Bitte warte eine Minute, bevor du wieder fragst.",
		Failed:          "Entschuldigung, ich kann gerade nicht antworten, weil bei mir etwas nicht funktioniert.",
		NotAChoiceOne:   "Diese Nummer gehört nicht zu den Auswahlmöglichkeiten: Wähle 1 oder schreib deine Frage in Worten.",
		NotAChoiceN:     "Diese Nummer gehört nicht zu den Auswahlmöglichkeiten: Wähle eine Nummer von 1 bis %d oder schreib deine Frage in Worten.",
		FollowUpGeneric: "Schade, dass die Schritte oben nicht geholfen haben. Vielleicht hilft eines dieser Themen:",
		FollowUpNoTopic: "Schade, dass die Schritte oben nicht geholfen haben.",
		NotHelpful:      "Schade, dass das nicht geholfen hat. Ist es eines davon?",
		NotHelpfulNone:  "Schade, dass das nicht geholfen hat. Du kannst es mit anderen Worten noch einmal fragen oder ein Thema wählen:",
		HandoffBody:     "Du wolltest mit einem Menschen sprechen.",
		HandoffCalled:   "Ich habe eine Person aus dem Support-Team gebeten, dieser Unterhaltung beizutreten. Sie antwortet hier; bis dahin bin ich still, außer du erwähnst mich.",
		HandoffAlready:  "Eine Person aus dem Support-Team wurde bereits gebeten, dieser Unterhaltung beizutreten; sie antwortet hier.",
		NoHandoff:       "Von hier aus kann ich keine Person in diesen Chat holen.",
	},
	"pt": {
		Guard:           "Para sua segurança, não respondi a isso no canal: sua mensagem parece conter dados pessoais: um número de documento, passaporte ou cartão, uma linha de um passaporte, uma data de nascimento, um endereço ou uma foto. Ninguém aqui precisa dos seus documentos ou números, e eles nunca devem ser publicados em um chat. Se puder, apague essa mensagem.\n\nPergunte de novo sem eles e eu ajudo.",
		Limited:         "Você está enviando mensagens mais rápido do que consigo acompanhar. Espere um minuto antes de perguntar de novo.",
		Failed:          "Desculpe, não consigo responder agora por causa de um problema do meu lado.",
		NotAChoiceOne:   "Esse número não é uma das opções: escolha 1 ou escreva sua pergunta em palavras.",
		NotAChoiceN:     "Esse número não é uma das opções: escolha um número de 1 a %d ou escreva sua pergunta em palavras.",
		FollowUpGeneric: "Sinto que os passos acima não resolveram. Um destes temas pode ajudar:",
		FollowUpNoTopic: "Sinto que os passos acima não resolveram.",
		NotHelpful:      "Sinto que isso não ajudou. É um destes?",
		NotHelpfulNone:  "Sinto que isso não ajudou. Você pode perguntar de novo com outras palavras ou escolher um tema:",
		HandoffBody:     "Você pediu para falar com uma pessoa.",
		HandoffCalled:   "Pedi a uma pessoa da equipe de suporte para entrar nesta conversa. Ela vai responder aqui; até lá fico quieto, a menos que você me mencione.",
		HandoffAlready:  "Uma pessoa da equipe de suporte já foi chamada para esta conversa; ela vai responder aqui.",
		NoHandoff:       "Daqui não consigo chamar uma pessoa para este chat.",
	},
}

// textsIn returns the bot's own texts in lang: the language's own, its
// primary tag's ("pt" for "pt-BR"), or English.
func textsIn(lang string) builtinTexts {
	if t, ok := builtin[lang]; ok {
		return t
	}
	if i := strings.IndexByte(lang, '-'); i > 0 {
		if t, ok := builtin[lang[:i]]; ok {
			return t
		}
	}
	return builtin["en"]
}

// notAChoice is the text for a number that is not one of n choices.
func (t builtinTexts) notAChoice(n int) string {
	if n == 1 {
		return t.NotAChoiceOne
	}
	return fmt.Sprintf(t.NotAChoiceN, n)
}
