"""Content streams read for pdfminer's interpreter with one regular expression.

pdfminer's own content parser tokenizes byte by byte through a chain of Python
methods, with a debug log call per token: it is the largest single cost behind
pdfplumber's ``page.chars`` (≈ 40 % of it). ``FastInterpreter`` is pdfminer's
``PDFPageInterpreter`` with only that step replaced: the operands and operators
of a page come from ``content_objects``, which reads a whole stream with one
``re.finditer`` and gives the same objects pdfminer's parser would (numbers,
names, strings, arrays, dictionaries, keywords, with the same quirks: a lone ``-``
is dropped, an unknown escape in a string drops its character, an odd hex digit
counts alone). Everything after tokenizing (graphics and text state, fonts,
widths, form XObjects, paths, the ``LTChar`` boxes) is pdfminer's own code, so the
glyphs, rulings and images come out exactly as pdfplumber's.

Where a stream holds anything this reader does not mirror exactly (an inline
image, a ``#`` escape in a name, a string, hex string or name cut by the end of a
stream, an unbalanced bracket, a dictionary with a key and no value), it returns
None and the page is read with pdfminer's parser, so a damaged or hostile file
meets the same parser, errors and limits as before.
"""

from __future__ import annotations

import re
from binascii import unhexlify
from typing import Any

from pdfminer import settings
from pdfminer.cmapdb import CMapParser
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, stream_value
from pdfminer.psexceptions import PSException, PSSyntaxError, PSTypeError
from pdfminer.psparser import (
    KWD,
    LIT,
    PSBaseParser,
    PSKeyword,
    PSLiteral,
    PSStackParser,
    keyword_name,
    literal_name,
)

# The token kinds of pdfminer's PSBaseParser (psparser.py), each as pdfminer ends it:
# a name at any of #/%[]()<>{} or white space, a number at its first non-digit (one
# point allowed), a keyword (starting with a letter) at the same characters as a name.
_TOKEN = re.compile(
    rb"(?P<skip>[\s\x00]+|%[^\r\n]*)"
    rb"|/(?P<name>[^#/%\[\]()<>{}\s]*)(?P<hash>#)?"
    rb"|(?P<num>[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)"
    rb"|(?P<kw>[A-Za-z][^#/%\[\]()<>{}\s]*)"
    rb"|\((?P<str>[^()\\]*)\)"
    rb"|(?P<longstr>\()"
    rb"|(?P<dict><<|>>)"
    rb"|(?P<close>>)"
    rb"|<(?P<hex>[\s0-9A-Fa-f]*)"
    rb"|(?P<one>[\s\S])"
)
_SPACE = re.compile(rb"\s")
_HEX_PAIR = re.compile(rb"[0-9a-fA-F]{2}|.", re.S)
_STRING_STOP = re.compile(rb"[()\\]")
_ESCAPES = {b"b": 8, b"t": 9, b"n": 10, b"f": 12, b"r": 13, b"(": 40, b")": 41, b"\\": 92}
_OCTAL = b"01234567"

_ARRAY_BEGIN, _ARRAY_END = KWD(b"["), KWD(b"]")
_PROC_BEGIN, _PROC_END = KWD(b"{"), KWD(b"}")
_DICT_BEGIN, _DICT_END = KWD(b"<<"), KWD(b">>")
_CLOSERS = {_ARRAY_END: "a", _PROC_END: "p", _DICT_END: "d"}
_NO_TOKEN = object()
_OPENERS = {_ARRAY_BEGIN: "a", _PROC_BEGIN: "p", _DICT_BEGIN: "d"}


class _Unsure(Exception):
    """The stream holds something only pdfminer's own parser reads exactly."""


def _long_string(data: bytes, start: int) -> tuple[bytes, int]:
    """A string with nested parentheses or escapes from just after its ``(``, as
    pdfminer's ``_parse_string``/``_parse_string_1`` read it; (bytes, end)."""
    out = bytearray()
    depth = 1
    i = start
    n = len(data)
    while True:
        m = _STRING_STOP.search(data, i)
        if m is None:
            raise _Unsure("string runs past the stream")
        j = m.start()
        out += data[i:j]
        c = data[j : j + 1]
        i = j + 1
        if c == b"(":
            depth += 1
            out += c
        elif c == b")":
            depth -= 1
            if not depth:
                return bytes(out), i
            out += c
        else:  # a backslash
            if i >= n:
                raise _Unsure("escape at the end of the stream")
            e = data[i : i + 1]
            if e in _OCTAL:
                k = i
                while k < n and k - i < 3 and data[k] in _OCTAL:
                    k += 1
                if k >= n:
                    raise _Unsure("octal escape at the end of the stream")
                code = int(data[i:k], 8)
                if code >= 256:
                    raise _Unsure("octal escape past 255")  # pdfminer fails an assertion
                out.append(code)
                i = k
            elif e in _ESCAPES:
                out.append(_ESCAPES[e])
                i += 1
            elif e == b"\r" and data[i + 1 : i + 2] == b"\n":
                i += 2
            else:
                i += 1  # pdfminer drops an unknown escape with its character


def _hex_string(digits: bytes) -> bytes:
    return _HEX_PAIR.sub(lambda m: bytes((int(m.group(0), 16),)), _SPACE.sub(b"", digits))


def _number(token: bytes) -> int | float | None:
    try:
        return float(token) if b"." in token else int(token)
    except ValueError:
        return None  # pdfminer drops a number it cannot convert ("-", ".")


def _stream_tokens(data: bytes, last: bool):
    """pdfminer's tokens of one decoded stream; ``last``: no stream follows it (a
    token cut by the end of a stream that pdfminer would carry on into the next)."""
    size = len(data)
    pos = 0
    while True:
        for m in _TOKEN.finditer(data, pos):
            kind = m.lastgroup
            if kind == "skip":
                continue
            if kind == "kw":
                word = m.group("kw")
                if word == b"true":
                    yield True
                elif word == b"false":
                    yield False
                else:
                    if word == b"BI" or word == b"ID":
                        raise _Unsure("inline image")
                    yield KWD(word)
            elif kind == "num":
                value = _number(m.group("num"))
                if value is not None:
                    yield value
            elif kind == "str":
                yield m.group("str")
            elif kind == "name" or kind == "hash":
                raw = m.group("name")
                if m.group("hash") or (not raw and m.end() == size and not last):
                    raise _Unsure("name with a # escape, or cut by the end of a stream")
                try:
                    yield LIT(str(raw, "utf-8"))
                except UnicodeDecodeError:
                    yield LIT(raw)
            elif kind == "close":
                if m.end() == size and not last:
                    raise _Unsure("'>' at the end of a stream")
            elif kind == "hex":
                if m.end() == size:
                    raise _Unsure("hex string runs past the stream")
                yield _hex_string(m.group("hex"))
            elif kind == "dict":
                yield _DICT_BEGIN if m.group("dict") == b"<<" else _DICT_END
            elif kind == "longstr":
                text, pos = _long_string(data, m.end())
                yield text
                break
            else:
                yield KWD(m.group("one"))
        else:
            return


def content_objects(streams: list[bytes]) -> list[Any] | None:
    """The objects pdfminer's ``PDFContentParser.nextobject`` yields for these
    decoded streams read one after the other, or None where only that parser
    reads them exactly."""
    out: list[Any] = []
    stack: list[Any] = out
    context: list[tuple[str, list[Any]]] = []
    kind = ""
    try:
        for n, data in enumerate(streams):
            for token in _stream_tokens(data, n == len(streams) - 1):
                if token.__class__ is PSKeyword:
                    if token in _OPENERS:
                        context.append((kind, stack))
                        kind, stack = _OPENERS[token], []
                        continue
                    if token in _CLOSERS:
                        if kind != _CLOSERS[token]:
                            raise _Unsure("unbalanced bracket")
                        objs = stack
                        kind, stack = context.pop()
                        if token is _DICT_END:
                            if len(objs) % 2:
                                raise _Unsure("dictionary with a key and no value")
                            stack.append({literal_name(k): v for k, v in zip(objs[0::2], objs[1::2]) if v is not None})
                        else:
                            stack.append(objs)
                        continue
                stack.append(token)
    except _Unsure:
        return None
    if context:
        return None  # an array left open at the end: pdfminer never hands out its tokens
    return out


# operator -> (the interpreter's method, its number of operands), None for an operator
# it has no method for: what pdfminer's execute looks up for every operator it meets
_DISPATCH: dict[PSKeyword, tuple[str, int] | None] = {}


class FastInterpreter(PDFPageInterpreter):
    """pdfminer's page interpreter reading its content streams with ``content_objects``
    (pdfminer's own parser where that declines). Form XObjects get the same
    interpreter through ``dup``."""

    def execute(self, streams) -> None:
        # as PDFPageInterpreter.execute: the same refusal of circular references
        valid: list[PDFStream] = []
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None:
                continue
            if stream.objid in self.parent_stream_ids:
                continue
            valid.append(stream)
            self.stream_ids.add(stream.objid)
        if not valid:
            return
        objects = content_objects([s.get_data() for s in valid])
        if objects is None:
            self.stream_ids.clear()
            super().execute(valid)
            return
        for obj in objects:
            if obj.__class__ is not PSKeyword:
                self.argstack.append(obj)
                continue
            if obj in _DISPATCH:
                how = _DISPATCH[obj]
            else:
                name = keyword_name(obj)
                method = "do_{}".format(name.replace("*", "_a").replace('"', "_w").replace("'", "_q"))
                found = getattr(self, method, None)
                how = _DISPATCH[obj] = (method, found.__code__.co_argcount - 1) if found is not None else None
            if how is None:
                if settings.STRICT:
                    raise ValueError(f"Unknown operator: {obj!r}")
                continue
            method, nargs = how
            func = getattr(self, method)
            if nargs:
                args = self.pop(nargs)
                if len(args) == nargs:
                    func(*args)
            else:
                func()


_slow_nexttoken = PSBaseParser.nexttoken
_PARSE_MAIN = PSBaseParser._parse_main
# tokens whose end only the next character decides: one cut by the end of the buffer
# is left to pdfminer, which reads on into the next
_OPEN_ENDED = frozenset(("name", "num", "kw", "hex", "close", "hash", "longstr"))


# keywords and names read so far, by their bytes: pdfminer interns both (KWD, LIT), so
# each is one object for the whole process; this only saves the lookups' calls
_KEYWORDS: dict[bytes, Any] = {}
_NAMES: dict[bytes, Any] = {}


def _literal(raw: bytes) -> Any:
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


def _name(raw: bytes) -> Any:
    token = _NAMES[raw] = _literal(raw)
    return token


def _nexttoken(self: PSBaseParser) -> tuple[int, Any]:
    """``PSBaseParser.nexttoken`` reading whole tokens from the parser's buffer with
    ``_TOKEN``; pdfminer's own method reads a token the buffer cuts, an escaped
    name, a long string, and every token while its state machine is mid-token."""
    if self._tokens or self.eof or self._parse1.__func__ is not _PARSE_MAIN:  # type: ignore[attr-defined]
        return _slow_nexttoken(self)
    buf = self.buf
    size = len(buf)
    i = self.charpos
    while i < size:
        m = _TOKEN.match(buf, i)
        if m is None:
            break
        kind = m.lastgroup
        end = m.end()
        if kind == "skip":
            if end >= size and buf[i] == 37:  # a comment the buffer cuts goes on in the next
                break
            i = end
            continue
        if end >= size and kind in _OPEN_ENDED:
            break
        token: Any
        if kind == "kw":
            word = m.group("kw")
            token = _KEYWORDS.get(word)
            if token is None:
                token = _KEYWORDS[word] = True if word == b"true" else False if word == b"false" else KWD(word)
        elif kind == "num":
            token = _number(m.group("num"))
            if token is None:
                i = end
                continue
        elif kind == "str":
            token = m.group("str")
        elif kind == "name":
            raw = m.group("name")
            token = _NAMES.get(raw)
            if token is None:
                token = _NAMES[raw] = _literal(raw)
        elif kind == "close":
            i = end  # a lone '>' is no token
            continue
        elif kind == "hex":
            token = _hex_string(m.group("hex"))
        elif kind == "dict":
            token = _DICT_BEGIN if m.group("dict") == b"<<" else _DICT_END
        elif kind == "one":
            token = KWD(m.group("one"))
        else:  # an escaped name, a long string
            break
        self.charpos = end
        pos = self.bufpos + m.start()
        self._curtokenpos = pos
        return (pos, token)
    self.charpos = i
    return _slow_nexttoken(self)


_slow_nextobject = PSStackParser.nextobject
_BASE_FLUSH = PSBaseParser.flush
_STACKED = (int, float, bool, str, bytes, PSLiteral)
_STACKED_CLASSES = frozenset(_STACKED)
# runs of whole tokens of one kind, each followed by white space (a number) or by
# white space or another name (a name), as _TOKEN reads them one by one
_NUMBER_RUN = re.compile(rb"(?:[-+]?[0-9]+(?:\.[0-9]*)?[ \t\n\r\f\v]+)+")
_NUMBER_ITEM = re.compile(rb"[-+]?[0-9]+(?:\.[0-9]*)?")
_NAME_RUN = re.compile(rb"(?:/[^#/%\[\]()<>{}\s]+[ \t\n\r\f\v]*)+(?=[/\s\[\]<>(){}%])")
_NAME_ITEM = re.compile(rb"/([^#/%\[\]()<>{}\s]+)")
# hex strings of whole bytes, none followed by another '>' (pdfminer reads '<41>>' as the
# string and a dictionary's end)
_HEX_RUN = re.compile(rb"(?:<(?:[0-9A-Fa-f]{2})*>(?!>)[ \t\n\r\f\v]*)+")
_HEX_ITEM = re.compile(rb"<([0-9A-Fa-f]*)>")
_RUN_START = frozenset(b"/<+-0123456789")


def _nextobject(self: PSStackParser) -> Any:
    """``PSStackParser.nextobject`` with the same stack, contexts and results, step
    for step, for every parser (a PDF file's objects, object streams, CMaps): each
    whole token is read from the buffer here as ``_nexttoken`` reads it (without a
    call and a debug log per token), any other through ``nexttoken``. Keywords go
    to the parser's own ``do_keyword`` (which may seek: the stacks are looked up
    again after it), a mismatched bracket and an odd dictionary are handled by
    pdfminer's own ``end_type`` and message."""
    flush = type(self).flush
    plain_flush = flush is _BASE_FLUSH
    fast = self.nexttoken.__func__ is _nexttoken  # type: ignore[attr-defined]
    unplaced = isinstance(self, CMapParser)
    while not self.results:
        token: Any = _NO_TOKEN
        if fast and not (self._tokens or self.eof) and self._parse1.__func__ is _PARSE_MAIN:  # type: ignore[attr-defined]
            buf = self.buf
            size = len(buf)
            i = self.charpos
            while i < size:
                if (self.context or unplaced) and buf[i] in _RUN_START:
                    # a run of numbers, names or hex strings inside an array or dictionary
                    # (a font's /Widths, its /Differences) or in a CMap, each token whole
                    # (the run ends before the buffer does), pushed at once with the run's
                    # position: pdfminer drops the positions of what an array or dictionary
                    # holds, and a CMap's parser never reads one
                    first = buf[i]
                    run = (_NAME_RUN if first == 47 else _HEX_RUN if first == 60 else _NUMBER_RUN).match(buf, i)
                    if run is not None and run.end() < size:
                        stack = self.curstack
                        at = self.bufpos + i
                        end = run.end()
                        if first == 47:
                            names = _NAMES
                            stack.extend(
                                [(at, names.get(raw) or _name(raw)) for raw in _NAME_ITEM.findall(buf, i, end)]
                            )
                        elif first == 60:
                            stack.extend([(at, unhexlify(digits)) for digits in _HEX_ITEM.findall(buf, i, end)])
                        else:
                            words = buf[i:end].split()
                            if b"." in buf[i:end]:
                                stack.extend([(at, float(w) if b"." in w else int(w)) for w in words])
                            else:
                                stack.extend([(at, v) for v in map(int, words)])
                        i = end
                        continue
                m = _TOKEN.match(buf, i)
                if m is None:
                    break
                kind = m.lastgroup
                end = m.end()
                if kind == "skip":
                    if end >= size and buf[i] == 37:
                        break
                    i = end
                    continue
                if end >= size and kind in _OPEN_ENDED:
                    break
                if kind == "num":
                    token = _number(m.group("num"))
                    if token is None:
                        token = _NO_TOKEN
                        i = end
                        continue
                elif kind == "name":
                    raw = m.group("name")
                    token = _NAMES.get(raw)
                    if token is None:
                        token = _NAMES[raw] = _literal(raw)
                elif kind == "kw":
                    word = m.group("kw")
                    token = _KEYWORDS.get(word)
                    if token is None:
                        token = _KEYWORDS[word] = True if word == b"true" else False if word == b"false" else KWD(word)
                elif kind == "str":
                    token = m.group("str")
                elif kind == "close":
                    i = end
                    continue
                elif kind == "hex":
                    token = _hex_string(m.group("hex"))
                elif kind == "dict":
                    token = _DICT_BEGIN if m.group("dict") == b"<<" else _DICT_END
                elif kind == "one":
                    token = KWD(m.group("one"))
                else:
                    break
                i = end
                pos = self.bufpos + m.start()
                self._curtokenpos = pos
                break
            self.charpos = i
        if token is _NO_TOKEN:
            pos, token = self.nexttoken()
        if token.__class__ in _STACKED_CLASSES or isinstance(token, _STACKED):
            self.curstack.append((pos, token))
        elif token is _ARRAY_BEGIN or token is _PROC_BEGIN or token is _DICT_BEGIN:
            self.context.append((pos, self.curtype, self.curstack))
            self.curtype = _OPENERS[token]
            self.curstack = []
        elif token is _ARRAY_END or token is _PROC_END:
            try:
                closed = self.end_type(_CLOSERS[token])
                self.curstack.append(closed)
            except PSTypeError:
                if settings.STRICT:
                    raise
        elif token is _DICT_END:
            try:
                (pos, objs) = self.end_type("d")
                if len(objs) % 2 != 0:
                    raise PSSyntaxError(f"Invalid dictionary construct: {objs!r}")
                d = {literal_name(k): v for k, v in zip(objs[0::2], objs[1::2]) if v is not None}
                self.curstack.append((pos, d))
            except PSTypeError:
                if settings.STRICT:
                    raise
        else:
            self.do_keyword(pos, token)
            if not isinstance(token, PSKeyword):
                raise PSException  # as pdfminer: a token of no known kind (no tokenizer makes one)
        if self.context:
            continue
        if not plain_flush:
            self.flush()
    return self.results.pop(0)


def use_fast_tokens(on: bool = True) -> None:
    """Let every pdfminer parser (file, object streams, CMaps, content) read its
    tokens through ``_nexttoken`` and build its objects through ``_nextobject``
    (or again through pdfminer's own methods), and simple fonts build their
    encodings through ``fonts.get_encoding``."""
    from .fonts import use_fast_fonts

    PSBaseParser.nexttoken = _nexttoken if on else _slow_nexttoken  # type: ignore[method-assign]
    PSStackParser.nextobject = _nextobject if on else _slow_nextobject  # type: ignore[method-assign]
    use_fast_fonts(on)


class _Glyph(dict):
    """A glyph's dict standing in the layout where its ``LTChar`` would: pdfplumber's
    device tags the latest object with the marked content (``obj.mcid = …``), which
    for a glyph sets its key, as it would set the ``LTChar``'s attribute."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value


_NUMBER_CLASSES = (int, float)


def _glyph_device(page):
    """pdfplumber's device for ``page`` with each glyph made straight into the dict
    ``read_objects`` makes of its ``LTChar`` (same arithmetic as ``LTChar``, same keys
    in the same order), put where the ``LTChar`` would be; a glyph with anything
    unusual (a font name in bytes, a marked-content id that is a PDF reference, a
    number of another type) is pdfminer's ``LTChar``."""
    from pdfminer.layout import LTChar
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.utils import apply_matrix_rect
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    from pdfplumber.utils.pdfinternals import resolve_and_decode

    number = page.page_number
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doctop = page.initial_doctop
    spaces: dict[str, Any] = {}

    class GlyphDevice(PDFPageAggregatorWithMarkedContent):
        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
            mcid, tag, fontname = self.cur_mcid, self.cur_tag, font.fontname
            if (
                fontname.__class__ is not str
                or mcid.__class__ not in _PLAIN
                or tag.__class__ not in _PLAIN
                or matrix.__class__ is not tuple
                or not all(x.__class__ in _NUMBER_CLASSES for x in matrix)
            ):
                return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
            # PDFLayoutAnalyzer.render_char, then LTChar.__init__, step for step
            try:
                text = font.to_unichr(cid)
                assert isinstance(text, str), str(type(text))
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            textwidth = font.char_width(cid)
            textdisp = font.char_disp(cid)
            adv = textwidth * fontsize * scaling
            vertical = font.is_vertical()
            if vertical:
                assert isinstance(textdisp, tuple)
                (vx, vy) = textdisp
                vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
                vy = (1000 - vy) * fontsize * 0.001
                bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
            else:
                descent = font.get_descent() * fontsize
                bbox = (0, descent + rise, adv, descent + rise + fontsize)
            (a, b, c, d, _e, _f) = matrix
            upright = a * d * scaling > 0 and b * c <= 0
            (x0, y0, x1, y1) = apply_matrix_rect(matrix, bbox)
            if x1 < x0:
                (x0, x1) = (x1, x0)
            if y1 < y0:
                (y0, y1) = (y1, y0)
            width = x1 - x0
            height_ = y1 - y0
            if not (
                adv.__class__ in _NUMBER_CLASSES
                and x0.__class__ in _NUMBER_CLASSES
                and x1.__class__ in _NUMBER_CLASSES
                and y0.__class__ in _NUMBER_CLASSES
                and y1.__class__ in _NUMBER_CLASSES
            ):
                item = LTChar(matrix, font, fontsize, scaling, rise, text, textwidth, textdisp, ncs, graphicstate)
                self.cur_item.add(item)
                self.tag_cur_item()
                return item.adv
            name = ncs.name
            if name not in spaces:
                spaces[name] = resolve_and_decode(name)
            scolor, ncolor = graphicstate.scolor, graphicstate.ncolor
            top = (height - y1) + mb_top
            glyph = _Glyph(
                matrix=matrix,
                fontname=fontname,
                adv=adv,
                upright=upright,
                x0=x0 + mb_x0 if mb_x0 != 0 else x0,
                y0=y0,
                x1=x1 + mb_x0 if mb_x0 != 0 else x1,
                y1=y1,
                width=width,
                height=height_,
                size=width if vertical else height_,
                mcid=mcid,
                tag=tag,
                object_type="char",
                page_number=number,
                ncs=spaces[name],
                text=text,
                stroking_color=scolor if isinstance(scolor, tuple) else (scolor,),
                non_stroking_color=ncolor if isinstance(ncolor, tuple) else (ncolor,),
                top=top,
                bottom=(height - y0) + mb_top,
                doctop=doctop + top,
            )
            self.cur_item.add(glyph)  # type: ignore[arg-type]
            return adv

    return GlyphDevice(page.pdf.rsrcmgr, pageno=number, laparams=page.pdf.laparams)


def read_layout(page, glyphs: bool = False) -> None:
    """Lay out a pdfplumber page with ``FastInterpreter``: what ``page.layout``
    does, so ``page.chars``, ``page.rects`` and the rest then come from it. With
    ``glyphs`` (``read_objects`` only, and only without layout analysis), the
    glyphs in it are their ``_Glyph`` dicts."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    from pdfplumber.utils.exceptions import PdfminerException

    if hasattr(page, "_layout"):
        return
    if glyphs:
        device = _glyph_device(page)
    else:
        device = PDFPageAggregatorWithMarkedContent(
            page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams
        )
    interpreter = FastInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as e:
        raise PdfminerException(e) from e
    page._layout = device.get_result()


_PLAIN = (int, float, str, bool, type(None))


def read_objects(page) -> None:
    """``page.objects`` as pdfplumber's ``parse_objects`` builds it, from
    ``read_layout``; each glyph's dict made directly rather than through the
    generic ``process_object`` (which resolves every attribute of every object and
    costs more than interpreting the page). Any other object, and a glyph with
    anything unusual (a font name in bytes, a value that is a PDF reference), goes
    through ``process_object``, so the dicts are the same, key for key."""
    from pdfminer.layout import LTChar, LTContainer
    from pdfplumber.page import ALL_ATTRS
    from pdfplumber.utils.pdfinternals import resolve_and_decode

    if hasattr(page, "_objects"):
        return
    read_layout(page, glyphs=page.pdf.laparams is None and page.pdf.unicode_norm is None)
    pdf = page.pdf
    number = page.page_number
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doctop = page.initial_doctop
    norm = pdf.unicode_norm
    spaces: dict[str, Any] = {}
    objects: dict[str, list[dict]] = {}

    def char(obj: LTChar) -> dict | None:
        attr: dict[str, Any] = {}
        for k, v in obj.__dict__.items():
            if k in ALL_ATTRS:
                if k == "matrix" and v.__class__ is tuple and all(x.__class__ in (int, float) for x in v):
                    attr[k] = tuple(v)
                elif v.__class__ in _PLAIN:
                    attr[k] = v
                else:
                    return None
        if attr.get("fontname").__class__ is not str:
            return None
        attr["object_type"] = "char"
        attr["page_number"] = number
        name = obj.ncs.name
        if name not in spaces:
            spaces[name] = resolve_and_decode(name)
        attr["ncs"] = spaces[name]
        text = obj.get_text()
        if norm is not None:
            return None
        attr["text"] = text
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if "y0" in attr:
            attr["top"] = (height - attr["y1"]) + mb_top
            attr["bottom"] = (height - attr["y0"]) + mb_top
            attr["doctop"] = doctop + attr["top"]
        if "x0" in attr and mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    def walk(items) -> None:
        for obj in items:
            if obj.__class__ is _Glyph:
                add(obj)
                continue
            if isinstance(obj, LTContainer):
                if pdf.laparams is not None:
                    add(page.process_object(obj))
                walk(obj._objs)
                continue
            found = char(obj) if obj.__class__ is LTChar and not hasattr(obj, "scs") else None
            add(found if found is not None else page.process_object(obj))

    def add(attr: dict) -> None:
        kind = attr["object_type"]
        if kind != "anno":
            objects.setdefault(kind, []).append(attr)

    walk(page.layout._objs)
    page._objects = objects


__all__ = ["FastInterpreter", "content_objects", "read_layout", "read_objects", "use_fast_tokens"]
