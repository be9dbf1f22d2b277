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

// germanStopwords and portugueseStopwords are those of German and
// Portuguese.
const germanStopwords = `
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern anderr
anders auch auf aus bei bin bis bist da damit dann der den des dem die das dass daß derselbe derselben denselben
desselben demselben dieselbe dieselben dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich
dir du dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer eines einig einige einigem
einigen einiger einiges einmal er ihn ihm es etwas euer eure eurem euren eurer eures für gegen gewesen hab habe haben
hat hatte hatten hier hin hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist jede jedem
jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte machen
man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mit muss musste nach nicht nichts
noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie ihnen sind so solche solchem
solchen solcher solches soll sollte sondern sonst über um und uns unsere unserem unseren unser unseres unter viel vom
von vor während war waren warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden wie
wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen
hallo hi danke bitte ok okay mal immer schon geht problem probleme fehler hilfe helfen
`

const portugueseStopwords = `
a ao aos aquela aquelas aquele aqueles aquilo as até com como da das de dela delas dele deles depois do dos e ela
elas ele eles em entre era eram essa essas esse esses esta estas este estes eu foi fomos for foram fui há isso isto
já lhe lhes mais mas me mesmo meu meus minha minhas muito na nas nem no nos nossa nossas nosso nossos num numa o os
ou para pela pelas pelo pelos por qual quando que se sem ser seu seus só sua suas também te tem tinha tu tua tuas
um uma você vocês vos está estou estão ter tenho é são
oi olá ola obrigado obrigada valeu ok ajuda ajudar problema problemas erro erros consigo consegue tentei tentando
vez vezes pra pro pq
`
