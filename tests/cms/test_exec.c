/* test_exec.c — the EXEC interpreter (cms/exec*.c): the language.  Each
 * row is a program with the exact transcript (SAY lines, commands as
 * "[ENV] command") and rc it must give; exec_testio.h is the world it runs
 * in.  Built-in functions are in test_exec_bif.c. */
#include "exec_testio.h"

static const struct tcase basics[] = {
    {"say", "say 'hello,' \"world\"\nsay\nsay 'a'||'b' 'c'   'd'", "", "hello, world\n\nab c d\n", 0},
    {"comments", "/* a\n comment /* nested */ */ say 1 /* x */ + 2\nsay 'a/*b*/'", "", "3\na/*b*/\n", 0},
    {"continuation", "say 'one',\n    'two',  /* c */\n  'three'", "", "one two three\n", 0},
    {"abuttal", "a = 'x'; say a'y' a\"z\" (a)(a) a || 1", "", "xy xz xx x1\n", 0},
    {"uninitialised", "say hello h.1; drop x; say x", "", "HELLO H.1\nX\n", 0},
    {"hex and binary strings", "say '4142'x '41 42'x ('0100 0001'b = 'A') length('0f'x) ('1'b = '01'x)", "",
     "AB AB 1 1 1\n", 0},
    {"string then x or b", "x = 1; say 'g'x", "",
     "     1 +++ x = 1; say 'g'x\n"
     "DMSREX460E Error 15 running TEST EXEC, line 1: Invalid hexadecimal or binary string\n",
     20015},
    {"exit rc", "exit 7", "", "", 7},
    {"exit expression", "x = 3; exit x * 2", "", "", 6},
    {"return from main", "return 12; say 'no'", "", "", 12},
    {"exit string", "exit 'abc'", "", "", 0},
    {"fall off the end", "say 'x'", "", "x\n", 0},
    {"arguments", "parse arg a b; say a'|'||b; arg c; say c; say arg() arg(1)", "one Two three",
     "one|Two three\nONE TWO THREE\n1 one Two three\n", 0},
    {"no arguments", "say arg() '['arg(1)']' arg(1, 'E')", "", "0 [] 0\n", 0},
    {"nop and labels", "nop; lab: say 'after label'", "", "after label\n", 0},
    {"semicolons", ";;say 1;;say 2;", "", "1\n2\n", 0},
};

static const struct tcase arith[] = {
    {"integers", "say 1+2 7-10 6*7 2**10 (-3)*4", "", "3 -3 42 1024 -12\n", 0},
    {"division", "say 7/2 10/3 1/8 6/3 (-7)/2", "", "3.5 3.33333333 0.125 2 -3.5\n", 0},
    {"integer division and remainder", "say 7%2 (-7)%2 7//2 (-7)//2 7//(-2) 17%5 17//5", "",
     "3 -3 1 -1 1 3 2\n", 0},
    {"precedence", "say 2+3*4 (2+3)*4 2**3**2 (-2**2) 2*-3 10-2-3 1+2||3", "", "14 20 64 4 -6 5 33\n", 0},
    {"binary minus after a term", "say 5 -3", "", "2\n", 0},
    {"decimals", "say 0.1+0.2 1.50+1 1.5*2 0.5*0.5 1-0.999", "", "0.3 2.50 3.0 0.25 0.001\n", 0},
    {"nine digits", "say 999999999+1 123456789*10 99999999999 * 99999999999", "",
     "1.00000000E+9 1.23456789E+9 1.00000000E+22\n", 0},
    {"factorial 10", "f = 1; do i = 2 to 10; f = f * i; end; say f", "", "3628800\n", 0},
    {"numeric digits", "numeric digits 20; say 2**64 1/7; numeric digits; say 1/7 digits()", "",
     "18446744073709551616 0.14285714285714285714\n0.142857143 9\n", 0},
    {"normalised numbers", "say (+'007') (-'-5') ' 12 '+0 1e3+0 1E3 '1.2e2'*1", "", "7 5 12 1000 1E3 120\n",
     0},
    {"negative powers", "say 2**-2 10**-3 (-2)**3", "", "0.25 0.001 -8\n", 0},
    {"small numbers", "say 1/1000000 1/3 * 3", "", "0.000001 0.999999999\n", 0},
    {"bad operand", "say 1 + 'a'", "",
     "     1 +++ say 1 + 'a'\n"
     "DMSREX460E Error 41 running TEST EXEC, line 1: Bad arithmetic conversion\n",
     20041},
    {"divide by zero", "x = 0\nsay 5 / x", "",
     "     2 +++ say 5 / x\n"
     "DMSREX460E Error 42 running TEST EXEC, line 2: Arithmetic overflow/underflow\n",
     20042},
    {"fractional power", "say 2 ** 0.5", "",
     "     1 +++ say 2 ** 0.5\n"
     "DMSREX460E Error 26 running TEST EXEC, line 1: Invalid whole number\n",
     20026},
    {"exponent overflow", "say 1e999999999 * 10", "",
     "     1 +++ say 1e999999999 * 10\n"
     "DMSREX460E Error 42 running TEST EXEC, line 1: Arithmetic overflow/underflow\n",
     20042},
    {"integer divide too big", "numeric digits 3; say 10000 % 3", "",
     "     1 +++ numeric digits 3; say 10000 % 3\n"
     "DMSREX460E Error 26 running TEST EXEC, line 1: Invalid whole number\n",
     20026},
};

static const struct tcase compare[] = {
    {"numeric equal", "say (1 = 1.0) (' 3 ' = 3) ('1e1' = 10) (2 > 10) ('abc' = ' abc ')", "", "1 1 1 0 1\n",
     0},
    {"string compare", "say ('a' < 'b') ('abc' > 'ab') ('B' > 'a') ('a ' = 'a')", "", "1 1 0 1\n", 0},
    {"strict", "say ('1' == '1.0') ('a' == 'a') ('a ' == 'a') ('a' \\== 'b') ('10' >> '9') ('a' << 'b')", "",
     "0 1 0 1 0 1\n", 0},
    {"not equal forms", "say (1 \\= 2) (1 <> 2) (1 >< 2) (1 /= 1) (3 >= 3) (3 <= 2) (1 \\> 2) (1 \\< 2)", "",
     "1 1 1 0 1 0 1 0\n", 0},
    {"logical", "say (1 & 0) (1 | 0) (1 && 1) (0 && 1) \\1 \\(1 = 2)", "", "0 1 0 1 0 1\n", 0},
    {"logical needs 0 or 1", "if 2 then say 'x'", "",
     "     1 +++ if 2 then say 'x'\n"
     "DMSREX460E Error 34 running TEST EXEC, line 1: Logical value not 0 or 1\n",
     20034},
};

static const struct tcase control[] = {
    {"if then else",
     "a = 5\nif a > 3 then say 'big'; else say 'small'\nif a < 3 then\n  say 'small'\nelse do\n"
     "  say 'not small'\nend\nif a = 5 then if a = 6 then say 'six'; else say 'not six'",
     "", "big\nnot small\nnot six\n", 0},
    {"else if chain",
     "do n = 1 to 4\n if n = 1 then say 'one'\n else if n = 2 then say 'two'\n else if n = 3 then "
     "say 'three'\n else say 'many'\nend",
     "", "one\ntwo\nthree\nmany\n", 0},
    {"simple do", "do; say 'in'; end; say 'out'", "", "in\nout\n", 0},
    {"do n", "n = 0; do 5; n = n + 1; end; say n; do 0; say 'never'; end", "", "5\n", 0},
    {"do to", "do i = 1 to 3; say i; end; say 'after' i", "", "1\n2\n3\nafter 4\n", 0},
    {"do by", "do i = 1 to 10 by 3; say i; end; do j = 10 to 1 by -4; say j; end", "",
     "1\n4\n7\n10\n10\n6\n2\n", 0},
    {"do for", "do i = 1 for 3; say i; end; do i = 5 by 5 for 2; say i; end", "", "1\n2\n3\n5\n10\n", 0},
    {"do expressions first", "i = 3; do i = 1 to i; say i; end", "", "1\n2\n3\n", 0},
    {"do twice to", "do j = 1 to 2 to 3; end", "",
     "     1 +++ do j = 1 to 2 to 3; end\n"
     "DMSREX460E Error 27 running TEST EXEC, line 1: Invalid DO syntax\n",
     20027},
    {"do to for", "do i = 1 to 10 for 4; end; say i", "", "5\n", 0},
    {"do no iterations", "do i = 5 to 1; say 'never'; end; say i", "", "5\n", 0},
    {"do while", "k = 1; do while k < 100; k = k * 2; end; say k; do while 0; say 'never'; end", "", "128\n",
     0},
    {"do until", "k = 0; do until k >= 3; k = k + 1; end; say k; do until 1; say 'once'; end", "",
     "3\nonce\n", 0},
    {"do to until", "do i = 1 to 10 until i = 3; end; say i", "", "3\n", 0},
    {"do to while", "do i = 1 to 10 while i < 4; end; say i", "", "4\n", 0},
    {"do forever leave", "n = 0; do forever; n = n + 1; if n = 7 then leave; end; say n", "", "7\n", 0},
    {"iterate", "s = 0; do i = 1 to 10; if i // 2 = 0 then iterate; s = s + i; end; say s", "", "25\n", 0},
    {"leave and iterate by name",
     "do o = 1 to 3\n do p = 1 to 3\n  if p = 2 then iterate o\n  if o = 3 then leave o\n"
     "  say o p\n end p\nend o\nsay o",
     "", "1 1\n2 1\n3\n", 0},
    {"nested loops", "n = 0; do i = 1 to 4; do j = i to 4; n = n + 1; end; end; say n", "", "10\n", 0},
    {"select",
     "do a = 1 to 3\n select\n  when a = 1 then say 'one'\n  when a = 2 then do\n   say 'two'\n  end\n"
     "  otherwise\n   say 'other'; say 'more'\n end\nend",
     "", "one\ntwo\nother\nmore\n", 0},
    {"select first true only", "select; when 1 then say 'a'; when 1 then say 'b'; end", "", "a\n", 0},
    {"select nothing true", "select; when 0 then nop; end", "",
     "     1 +++ select; when 0 then nop; end\n"
     "DMSREX460E Error 7 running TEST EXEC, line 1: WHEN or OTHERWISE expected\n",
     20007},
    {"signal", "signal there; say 'skipped'; there: say 'there' sigl", "", "there 1\n", 0},
    {"signal value", "x = 'L2'; signal value x; L1: say 1; L2: say 2", "", "2\n", 0},
    {"signal leaves loops", "do i = 1 to 3; if i = 2 then signal out; end; out: say i", "", "2\n", 0},
    {"signal on error", "signal on error\n'CMD RC 5'\nsay 'no'\nexit\nerror: say 'error rc' rc 'line' sigl",
     "", "[CMS] CMD RC 5\nerror rc 5 line 2\n", 0},
    {"signal on novalue", "signal on novalue; x = 1; say x; say y; exit; novalue: say 'novalue at' sigl", "",
     "1\nnovalue at 1\n", 0},
    {"signal on syntax", "signal on syntax\nsay 1 + 'a'\nexit\nsyntax: say 'syntax' rc sigl", "",
     "syntax 41 2\n", 0},
    {"signal missing label", "signal nowhere", "",
     "     1 +++ signal nowhere\n"
     "DMSREX460E Error 16 running TEST EXEC, line 1: Label not found\n",
     20016},
    {"interpret", "interpret 'say 1+1; x = 5'; say x; v = 'do i=1 to 2; say i; end'; interpret v", "",
     "2\n5\n1\n2\n", 0},
};

static const struct tcase calls[] = {
    {"call and result", "call sq 7; say result\nexit\nsq: return arg(1) ** 2", "", "49\n", 0},
    {"function", "say sq(3) + sq(4)\nexit\nsq: procedure; return arg(1) * arg(1)", "", "25\n", 0},
    {"recursion",
     "say fact(10) fact(1)\nexit\nfact: procedure\n  arg n\n  if n <= 1 then return 1\n"
     "  return n * fact(n - 1)",
     "", "3628800 1\n", 0},
    {"fibonacci",
     "do i = 1 to 10; s = s fib(i); end; say strip(s)\nexit\nfib: procedure\n parse arg n\n"
     " if n < 3 then return 1\n return fib(n - 1) + fib(n - 2)",
     "", "S 1 1 2 3 5 8 13 21 34 55\n", 0},
    {"shared variables", "x = 1; call bump; call bump; say x; exit; bump: x = x + 1; return", "", "3\n", 0},
    {"procedure hides", "x = 1; call p; say x y; exit; p: procedure; x = 2; y = 3; return", "", "1 Y\n", 0},
    {"procedure expose", "x = 1; y = 1; call p; say x y; exit; p: procedure expose x; x = 2; y = 2; return",
     "", "2 1\n", 0},
    {"expose stem", "s. = 0; call p; say s.1 s.2; exit; p: procedure expose s.; s.1 = 'a'; return", "",
     "a 0\n", 0},
    {"expose list",
     "g = 'a b.'; a = 1; b.1 = 2; c = 3; call p; say a b.1 c; exit\np: procedure expose (g); a = 'A'; b.1 = "
     "'B'; c = 'C'; return",
     "", "A B 3\n", 0},
    {"arguments",
     "call s 1, , 'three'; exit\ns: say arg() arg(1) arg(2, 'E') arg(2, 'O') arg(3)\n"
     "parse arg a, b, c; say a'|'c'|'||b",
     "", "3 1 0 1 three\n1|three|\n", 0},
    {"result dropped", "result = 'old'; call p; say result; exit; p: return", "", "RESULT\n", 0},
    {"no data", "say f(); exit; f: return", "",
     "     1 +++ say f(); exit; f: return\n"
     "DMSREX460E Error 44 running TEST EXEC, line 1: Function did not return data\n",
     20044},
    {"routine not found", "call nosuch", "",
     "     1 +++ call nosuch\n"
     "DMSREX460E Error 43 running TEST EXEC, line 1: Routine not found\n",
     20043},
    {"unexpected procedure", "x = 1\nprocedure", "",
     "     2 +++ procedure\n"
     "DMSREX460E Error 17 running TEST EXEC, line 2: Unexpected PROCEDURE\n",
     20017},
    {"endless recursion", "say f(1); exit; f: return f(arg(1) + 1)", "",
     "     1 +++ say f(1); exit; f: return f(arg(1) + 1)\n"
     "DMSREX460E Error 11 running TEST EXEC, line 1: Control stack full\n",
     20011},
    {"settings restored", "numeric digits 5; call p; say digits(); exit; p: numeric digits 12; return", "",
     "5\n", 0},
    {"exit from routine", "call p; say 'no'; exit; p: exit 4", "", "", 4},
    {"external exec", "call other 'x'; say result; say other('y')", "", "got x\nOTHER\ngot y\nOTHER\n", 0},
};

static const struct tcase vars[] = {
    {"stems", "a. = 0; a.1 = 'one'; say a.1 a.2 a.xyz; drop a.1; say a.1", "", "one 0 0\nA.1\n", 0},
    {"tails substituted",
     "i = 3; j = 'X'; b.i.j = 'val'; say b.3.x b.i.j b.3.X; j = 'x'; b.i.j = 'low'; say b.3.x; k = 'a b'; "
     "c.k = 1; say c.k",
     "", "val val val\nval\n1\n", 0},
    {"stem loop",
     "do i = 1 to 5; sq.i = i * i; end; sq.0 = 5; s = 0; do i = 1 to sq.0; s = s + sq.i; end; say s", "",
     "55\n", 0},
    {"many compounds",
     "do i = 1 to 5000; a.i = i; end; s = 0; do i = 1 to 5000; s = s + a.i; end; say s a.4999;"
     " drop a.; say a.7; a. = 'x'; say a.7 a.123",
     "", "12502500 4999\nA.7\nx x\n", 0},
    {"stem reassigned", "a.1 = 'x'; a. = 'd'; say a.1 a.7; drop a.; say a.1", "", "d d\nA.1\n", 0},
    {"drop", "x = 5; drop x; say x; y = 1; z = 2; drop y z; say y z", "", "X\nY Z\n", 0},
    {"assign empty", "z =; say '['z']'", "", "[]\n", 0},
    {"constant assign", "3 = 4", "",
     "     1 +++ 3 = 4\n"
     "DMSREX460E Error 31 running TEST EXEC, line 1: Name starts with number or \".\"\n",
     20031},
    {"value and symbol", "x = 'y'; y = 7; say value(x) value('y', 8) y symbol('x') symbol('q') symbol('1+')",
     "", "7 7 8 VAR LIT BAD\n", 0},
    {"upper", "x = 'abc'; upper x; say x", "", "ABC\n", 0},
};

static const struct tcase parse[] = {
    {"words", "parse value 'alpha beta gamma delta' with a b c; say a'|'||b'|'c", "",
     "alpha|beta|gamma delta\n", 0},
    {"more variables", "parse value 'one' with a b c; say '['a'] ['||b'] ['c']'", "", "[one] [] []\n", 0},
    {"placeholders", "parse value 'a b c d e' with . x . y; say x y", "", "b d e\n", 0},
    {"literal patterns", "parse value 'k=v;rest' with key '=' val ';' tail; say key val tail", "",
     "k v rest\n", 0},
    {"pattern not found", "parse value 'abc' with p ',' q; say '['p']['q']'", "", "[abc][]\n", 0},
    {"variable pattern", "d = ':'; parse value 'a:b' with x (d) y; say x y", "", "a b\n", 0},
    {"columns",
     "q = 'Experience is the best teacher.'\nparse var q v1 5 v2; say v1'|'v2\n"
     "parse var q 1 v1 +11 v2 +6 v3 -4 v4; say v1'|'v2'|'v3'|'v4\n"
     "parse upper var q 15 v1 +16 =12 v2 +2 1 v3 +10; say v1'|'v2'|'v3\n"
     "first = 7; parse var q 1 v1 =(first) v2 +6 v3; say v1'|'v2'|'v3",
     "",
     "Expe|rience is the best teacher.\nExperience |is the| best teacher.| the best teacher.\n"
     "THE BEST TEACHER|IS|EXPERIENCE\nExperi|ence i|s the best teacher.\n",
     0},
    {"parse upper", "parse upper value 'Mixed Case' with a b; say a b", "", "MIXED CASE\n", 0},
    {"parse var", "s = 'x y z'; parse var s first rest; say first'|'rest", "", "x|y z\n", 0},
    {"parse pull",
     "queue 'line one'; queue 'line two'; push 'first'; say queued(); pull a; say a; "
     "parse pull b c; say b '|' c queued(); pull z; say '['z']'",
     "", "3\nFIRST\nline | one 1\n[LINE TWO]\n", 0},
    {"pull empty", "pull z; say '['z']'", "", "[]\n", 0},
    {"parse source", "parse source sys how fn ft fm; say sys how fn ft", "", "CMS COMMAND TEST EXEC\n", 0},
    {"parse numeric", "parse numeric d f g; say d f g", "", "9 0 SCIENTIFIC\n", 0},
    {"parse no template", "parse value 'x' with", "", "", 0},
};

static const struct tcase commands[] = {
    {"command and rc", "'LISTFILE * EXEC A'\nsay rc\n'ERASE X Y A RC 28'\nsay rc", "",
     "[CMS] LISTFILE * EXEC A\n0\n[CMS] ERASE X Y A RC 28\n28\n", 0},
    {"expression command", "fn = 'PROFILE'; 'STATE' fn 'EXEC'", "", "[CMS] STATE PROFILE EXEC\n", 0},
    {"address", "address cp 'QUERY TIME'\n'ACCESS 191 A'\naddress command\n'ERASE A B'\naddress\n'Q'", "",
     "[CP] QUERY TIME\n[CMS] ACCESS 191 A\n[COMMAND] ERASE A B\n[CMS] Q\n", 0},
    {"failing command traced", "'BAD RC -3'\nsay rc", "",
     "[CMS] BAD RC -3\n     1 *-* 'BAD RC -3'\n"
     "       +++ RC(-3) +++\n-3\n",
     0},
    {"trace off", "trace off; 'BAD RC -3'; say rc", "", "[CMS] BAD RC -3\n-3\n", 0},
    {"trace error", "trace e\n'X RC 4'", "", "[CMS] X RC 4\n     2 *-* 'X RC 4'\n       +++ RC(4) +++\n", 0},
    {"trace all", "trace a\nx = 1\nsay x", "", "     2 *-* x = 1\n     3 *-* say x\n1\n", 0},
    {"trace results", "trace r\nx = 1 + 2\nif x > 2 then say 'yes'", "",
     "     2 *-* x = 1 + 2\n       >>> \"3\"\n"
     "     3 *-* if x > 2 then say 'yes'\n       >>> \"1\"\n       >>> \"yes\"\nyes\n",
     0},
    {"trace a loop", "trace a; do 2; nop; end", "",
     "     1 *-* trace a; do 2; nop; end\n"
     "     1 *-* trace a; do 2; nop; end\n",
     0},
    {"bad trace", "trace z", "",
     "     1 +++ trace z\n"
     "DMSREX460E Error 24 running TEST EXEC, line 1: Invalid TRACE request\n",
     20024},
    {"address too long", "address toolongname 'x'", "",
     "     1 +++ address toolongname 'x'\n"
     "DMSREX460E Error 29 running TEST EXEC, line 1: Environment name too long\n",
     20029},
};

static const struct tcase errors[] = {
    {"unmatched quote", "say 1\nsay 'abc", "",
     "     2 +++ say 'abc\n"
     "DMSREX460E Error 6 running TEST EXEC, line 2: Unmatched \"/*\" or quote\n",
     20006},
    {"unmatched comment", "say 1\n/* no end\nsay 2", "",
     "     2 +++ /* no end\n"
     "DMSREX460E Error 6 running TEST EXEC, line 2: Unmatched \"/*\" or quote\n",
     20006},
    {"incomplete do", "do i = 1 to 3\nsay i", "",
     "     1 +++ do i = 1 to 3\n"
     "DMSREX460E Error 14 running TEST EXEC, line 1: Incomplete DO/SELECT/IF\n",
     20014},
    {"unmatched end", "say 1\nend", "",
     "     2 +++ end\n"
     "DMSREX460E Error 10 running TEST EXEC, line 2: Unexpected or unmatched END\n",
     20010},
    {"end name", "do i = 1 to 2\nend j", "",
     "     2 +++ end j\n"
     "DMSREX460E Error 10 running TEST EXEC, line 2: Unexpected or unmatched END\n",
     20010},
    {"then expected", "if 1\nsay 2", "",
     "     1 +++ if 1\n"
     "DMSREX460E Error 18 running TEST EXEC, line 1: THEN expected\n",
     20018},
    {"unexpected else", "else say 1", "",
     "     1 +++ else say 1\n"
     "DMSREX460E Error 8 running TEST EXEC, line 1: Unexpected THEN or ELSE\n",
     20008},
    {"unexpected when", "when 1 then nop", "",
     "     1 +++ when 1 then nop\n"
     "DMSREX460E Error 9 running TEST EXEC, line 1: Unexpected WHEN or OTHERWISE\n",
     20009},
    {"unmatched paren", "x = 1\n\nsay (1 + 2", "",
     "     3 +++ say (1 + 2\n"
     "DMSREX460E Error 36 running TEST EXEC, line 3: Unmatched \"(\" in expression\n",
     20036},
    {"unexpected paren", "say 1 + 2)", "",
     "     1 +++ say 1 + 2)\n"
     "DMSREX460E Error 37 running TEST EXEC, line 1: Unexpected \",\" or \")\"\n",
     20037},
    {"invalid expression", "say 1 +", "",
     "     1 +++ say 1 +\n"
     "DMSREX460E Error 35 running TEST EXEC, line 1: Invalid expression\n",
     20035},
    {"invalid character", "say 1 ~ 2", "",
     "     1 +++ say 1 ~ 2\n"
     "DMSREX460E Error 13 running TEST EXEC, line 1: Invalid character in program\n",
     20013},
    {"leave outside loop", "leave", "",
     "     1 +++ leave\n"
     "DMSREX460E Error 28 running TEST EXEC, line 1: Invalid LEAVE or ITERATE\n",
     20028},
    {"bad do count", "do -1; end", "",
     "     1 +++ do -1; end\n"
     "DMSREX460E Error 26 running TEST EXEC, line 1: Invalid whole number\n",
     20026},
    {"bad hex string", "say 'xyz'x", "",
     "     1 +++ say 'xyz'x\n"
     "DMSREX460E Error 15 running TEST EXEC, line 1: Invalid hexadecimal or binary string\n",
     20015},
    {"bad template", "parse value 'a' with x + y", "",
     "     1 +++ parse value 'a' with x + y\n"
     "DMSREX460E Error 38 running TEST EXEC, line 1: Invalid template or pattern\n",
     20038},
    {"error in a later line", "say 'fine'\nx = 1\ny = x + 'z'\nsay 'never'", "",
     "fine\n     3 +++ y = x + 'z'\n"
     "DMSREX460E Error 41 running TEST EXEC, line 3: Bad arithmetic conversion\n",
     20041},
};

static void test_basics(void **s)
{
	(void)s;
	t_table(basics, sizeof basics / sizeof basics[0]);
}
static void test_arith(void **s)
{
	(void)s;
	t_table(arith, sizeof arith / sizeof arith[0]);
}
static void test_compare(void **s)
{
	(void)s;
	t_table(compare, sizeof compare / sizeof compare[0]);
}
static void test_control(void **s)
{
	(void)s;
	t_table(control, sizeof control / sizeof control[0]);
}
static void test_vars(void **s)
{
	(void)s;
	t_table(vars, sizeof vars / sizeof vars[0]);
}
static void test_parse(void **s)
{
	(void)s;
	t_table(parse, sizeof parse / sizeof parse[0]);
}
static void test_commands(void **s)
{
	(void)s;
	t_table(commands, sizeof commands / sizeof commands[0]);
}
static void test_errors(void **s)
{
	(void)s;
	t_table(errors, sizeof errors / sizeof errors[0]);
}

/* External EXECs come from io->readfile: OTHER EXEC here. */
static void test_calls(void **s)
{
	(void)s;
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
		struct tio t = {.ext_name = "OTHER",
		                .ext_src = "parse arg a; say 'got' a; parse source . . fn .; return fn"};
		int rc = t_run(&t, calls[i].src, calls[i].args);
		if (strcmp(t.out, calls[i].out) != 0 || rc != calls[i].rc) {
			print_error("case %s:\n--- expected (rc %d)\n%s--- got (rc %d)\n%s", calls[i].name,
			            calls[i].rc, calls[i].out, rc, t.out);
			fail();
		}
	}
}

/* External EXECs: own variables, EXIT ends only them, their errors name them. */
static void test_external(void **s)
{
	(void)s;
	struct tio t = {.ext_name = "SUB", .ext_src = "x = 'sub'\nexit arg(1) * 2"};
	int rc = t_run(&t, "x = 'main'; call sub 21; say result x; say sub(5) + 1", "");
	assert_int_equal(rc, 0);
	assert_string_equal(t.out, "42 main\n11\n");

	struct tio t2 = {.ext_name = "BAD", .ext_src = "say 'in bad'\nsay 1 +"};
	rc = t_run(&t2, "call bad\nsay 'not reached'", "");
	assert_int_equal(rc, 20035);
	assert_string_equal(t2.out, "in bad\n     2 +++ say 1 +\n"
	                            "DMSREX460E Error 35 running BAD EXEC, line 2: Invalid expression\n");

	struct tio t3 = {.ext_name = "SELF", .ext_src = "call self"};
	rc = t_run(&t3, "call self", "");
	assert_int_equal(rc, 20011);
}

/* HI: the EXEC stops at the next clause with error 4 (or SIGNAL ON HALT). */
static void test_halt(void **s)
{
	(void)s;
	struct tio t = {.halt_after = 4};
	int rc = t_run(&t, "n = 0\ndo forever\n  n = n + 1\nend", "");
	assert_int_equal(rc, 20004);
	assert_non_null(strstr(t.out, "DMSREX460E Error 4 running TEST EXEC, line "));
	assert_non_null(strstr(t.out, ": Program interrupted\n"));

	struct tio t2 = {.halt_after = 3};
	rc = t_run(&t2, "signal on halt\ndo forever; nop; end\nhalt: say 'halted at' sigl; exit 9", "");
	assert_int_equal(rc, 9);
	assert_string_equal(t2.out, "halted at 2\n");

	struct tio t3 = {.halt_after = 1};
	rc = t_run(&t3, "do forever; end", "");
	assert_int_equal(rc, 20004);
}

/* Random lines never crash the interpreter (a fixed pseudo-random
 * sequence, so a failure can be reproduced); loops are kept finite by HI. */
static void test_fuzz(void **s)
{
	(void)s;
	static const char *const pieces[] = {
	    "say",        "do",         "end",
	    "if",         "then",       "else",
	    "select",     "when",       "otherwise",
	    "call",       "return",     "exit",
	    "parse",      "value",      "with",
	    "var",        "arg",        "pull",
	    "signal",     "on",         "novalue",
	    "leave",      "iterate",    "procedure",
	    "expose",     "x",          "y.",
	    "y.x",        "'str'",      "\"q\"",
	    "'41'x",      "(",          ")",
	    ",",          ";",          ":",
	    "=",          "==",         "+",
	    "-",          "*",          "/",
	    "%",          "//",         "**",
	    "||",         "&",          "|",
	    "\\",         "<",          ">",
	    ">=",         "1",          "0",
	    "3.5",        "1e5",        "-7",
	    "substr(",    "length(",    "word(",
	    "f(",         "f:",         "to",
	    "by",         "for",        "while",
	    "until",      "forever",    "/*",
	    "*/",         "'",          "\"",
	    "drop",       "interpret",  "numeric digits",
	    "trace",      "address cp", "queue",
	    ".",          "999999999",  "copies('ab',",
	    "translate(", "d2x(",       "x2d(",
	    "c2d(",       "format(",    "date(",
	    "time(",
	};
	uint32_t seed = 12345;
	for (int prog = 0; prog < 1500; prog++) {
		char src[600];
		size_t o = 0;
		int ntok = 3 + prog % 40;
		for (int k = 0; k < ntok && o < sizeof src - 40; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pieces[(seed >> 8) % (sizeof pieces / sizeof pieces[0])];
			size_t n = strlen(p);
			memcpy(src + o, p, n);
			o += n;
			seed = seed * 1103515245u + 12345u;
			src[o++] = (seed >> 12) % 5 == 0 ? '\n' : ' ';
		}
		src[o] = 0;
		struct tio t = {.halt_after = 2000};
		int rc = t_run(&t, src, "a b");
		(void)rc;
	}
}

/* Random bytes, printable or not: still no crash, and an rc. */
static void test_fuzz_bytes(void **s)
{
	(void)s;
	uint32_t seed = 777;
	for (int prog = 0; prog < 1500; prog++) {
		char src[200];
		int n = 1 + prog % 150;
		for (int k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			int c = (int)((seed >> 16) % (prog % 3 ? 96 : 255)) + (prog % 3 ? 32 : 1);
			src[k] = (char)(c == 127 ? '\n' : c);
		}
		src[n] = 0;
		struct tio t = {.halt_after = 500};
		t_run(&t, src, "x");
	}
}

/* Limits: deep nesting and long strings end in errors 11 and 5, not a crash. */
static void test_limits(void **s)
{
	(void)s;
	char src[8000];
	size_t o = 0;
	for (int i = 0; i < 300; i++)
		o += (size_t)sprintf(src + o, "do;");
	o += (size_t)sprintf(src + o, "say 'deep';");
	for (int i = 0; i < 300; i++)
		o += (size_t)sprintf(src + o, "end;");
	struct tio t = {0};
	assert_int_equal(t_run(&t, src, ""), 20011);

	o = (size_t)sprintf(src, "say ");
	for (int i = 0; i < 500; i++)
		src[o++] = '-';
	sprintf(src + o, "1");
	struct tio t2 = {0};
	assert_int_equal(t_run(&t2, src, ""), 20011);

	struct tio t3 = {0};
	assert_int_equal(t_run(&t3, "x = copies('abcd', 1000); do 20; x = x || x; end", ""), 20005);
	assert_non_null(strstr(t3.out, "Error 5 running TEST EXEC, line 1: Machine resources exhausted"));

	struct tio t4 = {0};
	assert_int_equal(
	    t_run(&t4, "call f 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21; f: return", ""), 20040);

	/* EXECs that run EXECs by commands share one stack budget: error 11, not a crash. */
	struct tio t6 = {.nest_src = "'NEST'\nexit rc"};
	int rc6 = t_run(&t6, "'NEST'\nsay rc", "");
	assert_int_equal(rc6, 0);
	assert_true(t6.nests > 3);
	assert_non_null(strstr(t6.out, "Error 11 running NEST EXEC"));
	assert_non_null(strstr(t6.out, "\n20011\n"));

	struct tio t7 = {0};
	assert_int_equal(t_run(&t7, "call f 1,,,,,,,,,,,,,,,,,,,,,,,,,,,,; f: return", ""), 20040);
	struct tio t8 = {0};
	assert_int_equal(t_run(&t8, "call f 1,; say f(,2,); exit; f: say arg(); return arg(2)", ""), 0);
	assert_string_equal(t8.out, "1\n2\n2\n");

	struct tio t5 = {0};
	assert_int_equal(t_run(&t5, "", ""), 0);
	assert_string_equal(t5.out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_basics),  cmocka_unit_test(test_arith),
	    cmocka_unit_test(test_compare), cmocka_unit_test(test_control),
	    cmocka_unit_test(test_calls),   cmocka_unit_test(test_vars),
	    cmocka_unit_test(test_parse),   cmocka_unit_test(test_commands),
	    cmocka_unit_test(test_errors),  cmocka_unit_test(test_halt),
	    cmocka_unit_test(test_fuzz),    cmocka_unit_test(test_fuzz_bytes),
	    cmocka_unit_test(test_limits),  cmocka_unit_test(test_external),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
