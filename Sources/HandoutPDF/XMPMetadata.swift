import Foundation
import HandoutCore

/// The XMP packet: Dublin Core title, creator, description and language, the dates, and
/// the PDF/UA-1 identifier; for an archive PDF also the PDF/A-2a identifier and the extension
/// schema PDF/A asks for the PDF/UA one. Every value is the Info dictionary's, as PDF/A requires.
enum XMPMetadata {
    static func packet(_ metadata: Document.Metadata, archive: Bool) -> Data {
        let date = metadata.date.description + "T00:00:00Z"
        let xml = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
           <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(escape(metadata.title))</rdf:li></rdf:Alt></dc:title>
           <dc:creator><rdf:Seq><rdf:li>\(escape(metadata.author))</rdf:li></rdf:Seq></dc:creator>
           <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(escape(metadata.subject))</rdf:li></rdf:Alt></dc:description>
           <dc:language><rdf:Bag><rdf:li>\(escape(metadata.language))</rdf:li></rdf:Bag></dc:language>
           <pdf:Keywords>\(escape(metadata.keywords.joined(separator: ", ")))</pdf:Keywords>
           <pdf:Producer>Handout</pdf:Producer>
           <xmp:CreatorTool>Handout</xmp:CreatorTool>
           <xmp:CreateDate>\(date)</xmp:CreateDate>
           <xmp:ModifyDate>\(date)</xmp:ModifyDate>
           <pdfuaid:part>1</pdfuaid:part>
          </rdf:Description>
        \(archive ? archiveDescription : "") </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
        return Data(xml.utf8)
    }

    /// PDF/A-2 level A, and the pdfuaid namespace declared (PDF/A knows only its own and the
    /// standard XMP schemas).
    private static let archiveDescription = """
          <rdf:Description rdf:about=""
            xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
            xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
            xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
            xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
           <pdfaid:part>2</pdfaid:part>
           <pdfaid:conformance>A</pdfaid:conformance>
           <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
            <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
             <pdfaProperty:name>part</pdfaProperty:name>
             <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
             <pdfaProperty:category>internal</pdfaProperty:category>
             <pdfaProperty:description>The part of ISO 14289 (PDF/UA) the file conforms to</pdfaProperty:description>
            </rdf:li></rdf:Seq></pdfaSchema:property>
           </rdf:li></rdf:Bag></pdfaExtension:schemas>
          </rdf:Description>

        """

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
