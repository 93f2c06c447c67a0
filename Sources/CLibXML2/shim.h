#include <libxml/xmlversion.h>
// libxml2's headers would include the system's ICU headers, which clash with the ICU inside
// Foundation; the two encoding-handler fields they declare are never touched from Swift.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
