package intents

// spanishStopwords and frenchStopwords are function words and chat
// filler of those languages, dropped as the English stopwords are.
// Question words (por qué, quién, cómo; pourquoi, qui, comment) are kept,
// as in English. Their accents are folded when the sets are built.
const spanishStopwords = `
a al algo algun alguna algunas alguno algunos ante antes asi aun aunque bajo bien cada casi como con contra
cual cuales cualquier cuando de del desde donde dos el ella ellas ello ellos en entre era eran eres es esa esas
ese eso esos esta estaba estado estais estamos estan estar estas este esto estos estoy fue fueron fui ha habia
han has hay he hemos hubo la las le les lo los mas me mi mis mismo mucho muy nada ni no nos nosotros nuestra
nuestro o os otra otro para pero poco por porque pues que se sea ser si sido sin sino sobre son soy su sus
tambien tampoco tan tanto te tengo tiene tienen toda todas todo todos tu tus un una unas uno unos usted ustedes
va vais vamos van voy vosotros ya yo
favor porfa porfavor ayuda ayudar ayudame ayudeme hola buenas gracias vale ok oye mira bueno pues vez veces
problema problemas error errores sigue sigo seguir intento intente intentado intentar probar probado
hacer hago hice puedo puede pueden quiero necesito
`

const frenchStopwords = `
a ai aie as au aux avais avait avec avez avoir c ca ce ceci cela celle celui ces cet cette d dans de des du elle
elles en es est et etais etait ete etes etre eu eux ici il ils j je l la le les leur leurs lui m ma mais me meme
mes moi mon n ne ni nos notre nous on ont ou par pas peu plus pour qu que quel quelle quelles quels qui s sa sans
se ses si son sont sur t ta te tes toi ton tous tout toute toutes tu un une vos votre vous y
svp stp merci bonjour bonsoir salut coucou ok bon bien alors aide aider aidez aidez-moi
probleme problemes erreur erreurs encore toujours essaye essayer essai fois
faire fais fait peux peut veux voudrais besoin
`
