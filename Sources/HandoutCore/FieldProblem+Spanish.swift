// The Spanish words for each problem, for the Spanish page. Every switch here has no default:
// a new problem does not compile until it has Spanish words. The page writes "Label: problem",
// so each begins with its verb and needs no agreement with the label.

extension FieldProblem {
    public var spanish: String {
        switch self {
        case .controlCharacter: "tiene un carácter de control (como NUL o ESC); quítelo"
        case let .tooLong(limit): "tiene más de \(limit) caracteres"
        case let .stackedMarks(maximum):
            "tiene una letra con más de \(maximum) acentos apilados; se dibujarían encima de las líneas de alrededor"
        case let .notADate(pattern): "no es una fecha real (\(pattern ?? "AAAA-MM-DD"))"
        case .notYearMonthDay: "no es una fecha con la forma AAAA-MM-DD"
        case .inTheFuture: "es una fecha futura"
        case let .tooOld(years): "es de hace más de \(years) años"
        case .notAnEmail: "no es un correo electrónico como nombre@ejemplo.org"
        case .notAWebAddress: "no es una dirección web como https://clinica.ejemplo.org (solo http y https)"
        case .notAPhone: "no es un número de teléfono como (555) 555-0100"
        case .notALanguage:
            "tiene números o signos, así que no es un idioma (y no se muestra: puede ser un dato de otra columna); "
                + "escriba uno como Spanish, spa o es-MX, o ponga lo que escribe su exportación en languages: de handout.yaml"
        case .notATopicID: "debe ser un identificador de tema como spinal-fusion (letras, números y -)"
        case .notText: "debe ser texto"
        case .notAnObject: "debe ser un objeto { ... }"
        case .notAJSONObject: "debe ser un objeto JSON { ... }"
        case .notAListOfTexts: "debe ser una lista de textos, como [\"a\", \"b\"]"
        case .notTrueOrFalse: "debe ser true o false"
        case .unknownTopic: "no es ningún tema de folleto; `handout topics` los muestra (los de la clínica vienen de content-dir: en su archivo de configuración)"
        case let .noContentInLanguage(language, available):
            "no tiene folleto en el idioma elegido ('\(language)'); lo tiene en \(available.joined(separator: ", "))"
        case .unknownFactor: "incluye un factor que este tema no tiene"
        case .noFontCovers: "tiene caracteres que ninguna fuente instalada puede imprimir"
        case .qrCodeNeedsWebsite: "necesita el sitio web de la clínica: el código lo abre"
        case let .logoAltMissing(logoKey): "falta: un '\(logoKey)' necesita las palabras que dirá un lector de pantalla"
        case let .logo(problem): problem.spanish
        case let .password(problem): problem.spanish
        }
    }
}

extension PasswordProblem {
    public var spanish: String {
        switch self {
        case .empty: "está vacía"
        case .emptyFirstLine: "está vacía; la contraseña es la primera línea del archivo"
        case let .tooLong(maximumBytes): "tiene más de \(maximumBytes) bytes (UTF-8); el cifrado del PDF no admite más, elija una más corta"
        case .controlCharacter: "tiene un carácter de control (NUL, tabulador…); use solo letras, números, espacios y signos de puntuación"
        }
    }
}

extension LogoProblem {
    public var spanish: String {
        switch self {
        case let .unreadable(reason): "indica una imagen que no se puede leer (\(reason))"
        case let .tooManyBytes(kilobytes): "indica una imagen de más de \(kilobytes) KB; un logotipo necesita mucho menos"
        case .neitherPNGNorSVG: "indica un archivo que no es una imagen PNG ni SVG"
        case .pngWithoutHeader: "indica un archivo PNG dañado (sin cabecera de imagen)"
        case let .pngTooLarge(maximumSide): "indica una imagen PNG de más de \(maximumSide) píxeles de lado, o sin tamaño"
        case let .pngUndecodable(outOfMemory):
            "indica una imagen PNG que no se puede leer: " + (outOfMemory ? "necesita más memoria de la que hay" : "está dañada o cortada")
        case .svgUnreadable: "indica una imagen SVG que no se puede leer"
        case let .svgNotWellFormed(line): "indica una imagen SVG que no es XML bien formado (cerca de la línea \(line))"
        case let .svg(problem, line): "indica un SVG " + (line.map { "cuya línea \($0) " } ?? "que ") + problem.spanish
        case .svgRefusedByLibrsvg: "indica una imagen SVG que no se puede leer (no es un SVG bien formado)"
        case .svgWithoutSize: "indica una imagen SVG sin tamaño: dé a su elemento <svg> un ancho y un alto o un viewBox"
        case let .svgSizeOutOfRange(maximumSide): "indica una imagen SVG sin área o de más de \(maximumSide) píxeles de lado"
        case .svgUndrawable: "indica una imagen SVG que librsvg no puede dibujar"
        }
    }
}

extension SVGProblem {
    /// Follows "indica un SVG que" or "indica un SVG cuya línea 3".
    public var spanish: String {
        switch self {
        case .doctype: "tiene un DOCTYPE (una DTD, entidades o atributos por defecto), que un logotipo no necesita; guárdelo como SVG simple"
        case .processingInstruction: "tiene una instrucción de procesamiento, como una hoja de estilo externa; guárdelo como SVG simple"
        case let .tooManyElements(maximum): "pasa de \(maximum) elementos; un logotipo necesita muchos menos"
        case let .tooDeep(maximum): "anida elementos a más de \(maximum) niveles"
        case .xInclude: "incluye otro archivo (XInclude); use uno que contenga todo lo que dibuja"
        case .filter: "tiene un filtro; los logotipos no dibujan filtros: guárdelo sin él"
        case .outsideReference: "remite a otros archivos o direcciones web (también data:); use uno que contenga todo lo que dibuja"
        case .code: "tiene un script o un atributo de evento (como onload); un logotipo no ejecuta código: guárdelo sin ellos"
        case .image: "tiene una imagen incrustada; un logotipo se dibuja con formas y texto: guárdelo sin imágenes o use un logotipo PNG"
        case .foreignObject: "tiene un foreignObject (HTML dentro del SVG), que los logotipos no dibujan: guárdelo sin él"
        case let .undrawnElement(name):
            "tiene un elemento\(name.map { " <\($0)>" } ?? "") que los logotipos no dibujan (animación, enlaces, fuentes); guárdelo como formas simples"
        case .styleEscape: "tiene un escape (\\) en su estilo; guárdelo sin él"
        case let .badSize(maximumSide): "da un ancho, un alto o un viewBox que no es un tamaño de hasta \(maximumSide) píxeles; guárdelo a tamaño de logotipo"
        case let .useLoop(maximumHops): "tiene elementos <use> que dibujan lo que los dibuja, o a más de \(maximumHops) niveles; guárdelo con formas simples"
        case let .tooManyShapes(maximum): "dibuja más de \(maximum) formas a través de sus elementos <use>; guárdelo más simple"
        }
    }
}
