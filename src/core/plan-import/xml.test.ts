import { describe, expect, it } from "vitest";
import {
  childElements,
  decodeXmlEntities,
  firstChild,
  ownText,
  parseXml,
  XmlSyntaxError,
} from "./xml.ts";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

describe("decodeXmlEntities", () => {
  it("decodes the five predefined entities and character references, once", () => {
    expect(decodeXmlEntities("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;")).toBe(
      `a & b <c> "d" 'e'`,
    );
    expect(decodeXmlEntities("Ph&#432;&#x1EDD;ng")).toBe("Phường");
    expect(decodeXmlEntities("&amp;lt;")).toBe("&lt;");
  });

  it("keeps undeclared entities, forbidden characters and bare ampersands as written", () => {
    expect(decodeXmlEntities("&nbsp; &#0; &#xD800; &#x110000; R&D &;")).toBe(
      "&nbsp; &#0; &#xD800; &#x110000; R&D &;",
    );
  });
});

describe("parseXml", () => {
  it("reads elements, text and attributes, quoted either way, with > and entities in values", () => {
    const root = parseXml(
      `<?xml version="1.0"?><!-- c --><a x="1 &gt; 0" y='say "hi" &amp; go'><b/>t&amp;u<![CDATA[<raw> &amp;]]></a>`,
    );
    expect(root.name).toBe("a");
    expect(root.attribute("x")).toBe("1 > 0");
    expect(root.attribute("y")).toBe('say "hi" & go');
    expect(root.attribute("z")).toBeUndefined();
    expect(childElements(root).map((child) => child.name)).toEqual(["b"]);
    expect(ownText(root)).toBe("t&u<raw> &amp;");
  });

  it("gives known namespaces their usual prefix whatever the file calls them", () => {
    const root = parseXml(
      `<ns0:document xmlns:ns0="${W}"><ns0:body><ns0:p ns0:rsidR="1"/></ns0:body></ns0:document>`,
    );
    expect(root.name).toBe("w:document");
    const paragraph = firstChild(firstChild(root, "w:body"), "w:p");
    expect(paragraph?.attribute("w:rsidR")).toBe("1");
    const defaulted = parseXml(`<document xmlns="${W}"><body/></document>`);
    expect(defaulted.name).toBe("w:document");
    expect(firstChild(defaulted, "w:body")).toBeDefined();
  });

  it("never expands entities declared in a DOCTYPE", () => {
    const root = parseXml(
      `<!DOCTYPE a [<!ENTITY x "boom"><!ENTITY y SYSTEM "file:///etc/passwd">]><a>&x;&y;</a>`,
    );
    expect(ownText(root)).toBe("&x;&y;");
  });

  it("keeps whitespace-only text (a run holding a single space)", () => {
    const root = parseXml(`<t xml:space="preserve"> </t>`);
    expect(ownText(root)).toBe(" ");
    expect(root.attribute("xml:space")).toBe("preserve");
  });

  it.each([
    ["<a><b></a>", "expected </b>"],
    ["<a><b>", "is not closed"],
    ["<a", "unterminated start tag"],
    ["<a><!-- x</a>", "unterminated comment"],
    ["<a/><b/>", "more than one root"],
    ["text<a/>", "text outside the root"],
    ["</a>", "unexpected end tag"],
    ["<a>< b/></a>", "invalid tag"],
    ["", "no root element"],
  ])("rejects %j (%s)", (xml, problem) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
    expect(() => parseXml(xml)).toThrow(problem);
  });

  it("tells the line and column of the problem", () => {
    try {
      parseXml("<a>\n  <b>\n</a>");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(XmlSyntaxError);
      expect(error).toMatchObject({ line: 3, column: 1 });
    }
  });
});
