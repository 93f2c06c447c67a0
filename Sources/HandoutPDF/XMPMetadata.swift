import Foundation
import HandoutCore

/// The XMP packet: Dublin Core title, creator, description and language, the dates, and
/// the PDF/UA-1 identifier.
enum XMPMetadata {
    static func packet(_ metadata: Document.Metadata) -> Data {
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
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
        return Data(xml.utf8)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
