" Vim syntax file
" Language:  Loom schema (.loom), the language loomgen compiles
" Reference: docs/language.md; keywords from Sources/LoomCompiler/Syntax/
"
" Loom's keywords are contextual: a field may be called `status`, `queue` or `tags`, and only its place makes a word a
" keyword. So each declaration's header hands over (nextgroup) to a body region of its own kind, and member keywords
" are matched only inside the body they belong to. Comments, literals, types and attributes are context-free.
" Works in Vim 8+ and Neovim 0.7+.

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match
" Bodies nest and a schema file is small: parsing from the top is cheap and never wrong.
syn sync fromstart
" Only comments are prose.
syn spell notoplevel

" --- Comments -------------------------------------------------------------------------------------------------------
syn keyword loomTodo contained TODO FIXME XXX NOTE
syn match   loomComment      "//.*$" contains=loomTodo,@Spell
" `///` documents the declaration or field below it (and reaches the generated code); `////` is a plain comment.
syn match   loomDocComment   "///\%(/\)\@!.*$" contains=loomTodo,@Spell
syn region  loomBlockComment start="/\*" end="\*/" contains=loomTodo,@Spell fold
syn cluster loomComments contains=loomComment,loomDocComment,loomBlockComment

" --- Literals -------------------------------------------------------------------------------------------------------
" Strings are one line (an unterminated one ends with it, as in the lexer).
syn region  loomString    start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=loomEscape
syn match   loomEscape    contained +\\[\\"nt]+
" Paths (`at "/users/{userId}"`, a route's `"/{id}/full"`) are strings the compiler parses: shown apart.
syn region  loomRoutePath contained start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=loomEscape,loomPathParam
syn match   loomPathParam contained "{\h\w*}"
syn match   loomNumber    "\%(\w\|\.\)\@1<!-\=\d\+\%(\.\d\+\)\=\>"
" A number with its unit glued to it: `cache ttl 60s`.
syn match   loomDuration  "\<\d\+\a\w*\>"
syn keyword loomBoolean   true false
syn keyword loomNull      null

" --- Types, attributes, operators -----------------------------------------------------------------------------------
" Every capitalised name is a type: a model, enum, command, use case, job or service (keywords below win over it).
syn match   loomUserType    "\<\u\w*\>"
" The scalar types of Sources/LoomCompiler/Semantics/NameRules.swift, and `Page(Model)`, a use case's list result.
syn keyword loomBuiltinType Int Int32 Double Decimal Bool String Text Date DateTime UUID JSON Page
syn match   loomAttribute      "@\s*\h\w*"
syn match   loomModelAttribute "@\s*@\s*\h\w*"
syn match   loomOperator    "->\|==\|!=\|<=\|>=\|&&\|||\|[<>!=+*?]"
syn match   loomOperator    "\<in\>\ze\s*\["
" `auth.role`, `before.status`, `body.email`; `auth` alone where a rule compares it (`auth != null`, `require auth`).
syn match   loomBuiltinVar  "\.\@1<!\<\%(auth\|before\|body\)\>\ze\s*\."
syn match   loomBuiltinVar  "\.\@1<!\<auth\>\ze\s*\%([!=]=\|&&\|||\|)\|$\)"
" Keywords that may appear in several bodies, each only where a field could not stand.
syn match   loomCacheClause "\<cache\s\+ttl\>"
syn match   loomThrough     "\<through\>\ze\s\+\u"
syn match   loomFunction    contained "\.\@1<!\<\l\w*\ze\s*("
syn match   loomConditionKeyword contained "\.\@1<!\<\%(when\|where\)\>\ze\s*[[:lower:](!]"
syn match   loomConditionKeyword contained "\<exists\ze\s*("

syn cluster loomCommon contains=@loomComments,loomString,loomNumber,loomDuration,loomBoolean,loomNull,loomUserType,loomBuiltinType,loomAttribute,loomModelAttribute,loomOperator,loomBuiltinVar,loomCacheClause,loomThrough

" --- Declarations ---------------------------------------------------------------------------------------------------
" A declaration keyword the headers below do not recognise (its name still missing, say) is still shown.
syn match   loomDeclaration "^\s*\zs\<\%(model\|enum\|resource\|command\|usecase\|job\|callback\|service\|auth\)\>"
syn keyword loomDeclaration   contained model enum resource command usecase job callback service auth
syn keyword loomHeaderKeyword contained timestamps table at under readonly

" model Name timestamps table "name" { … }
syn match  loomModelHeader "\<model\s\+\h\w*\%(\s\+\%(timestamps\>\|table\>\%(\s*\"[^"]*\"\)\=\)\)*"
      \ contains=loomDeclaration,loomUserType,loomHeaderKeyword,loomString nextgroup=loomModelBody skipwhite skipnl
syn region loomModelBody contained matchgroup=loomBrace start="{" end="}" fold
      \ contains=@loomCommon,loomProfileKeyword,loomRuleHead,loomConditionKeyword
" profile name { include a, b  count r as n  exists r as n }
syn match  loomProfileKeyword contained "\<profile\>\ze\s\+\l" nextgroup=loomProfileName skipwhite
syn match  loomProfileName    contained "\h\w*" nextgroup=loomProfileBody skipwhite skipnl
syn region loomProfileBody    contained matchgroup=loomBrace start="{" end="}" fold
      \ contains=@loomComments,loomProfileMember
syn keyword loomProfileMember contained include count exists as
" allow|deny operation(fields), … when condition: `allow`/`deny` begin a rule only before a lowercase word.
syn region loomRuleHead contained matchgroup=loomRuleKeyword start="\<\%(allow\|deny\)\>\ze\s\+\l" end="\ze\<when\>" end="$"
      \ contains=loomRuleOperation,@loomComments
syn keyword loomRuleOperation contained read create update delete all

" command Name { field* }
syn match  loomCommandHeader "\<command\s\+\h\w*" contains=loomDeclaration,loomUserType
      \ nextgroup=loomFieldBody skipwhite skipnl
syn region loomFieldBody contained matchgroup=loomBrace start="{" end="}" fold contains=@loomCommon

" enum Name { case* }
syn match  loomEnumHeader "\<enum\s\+\h\w*" contains=loomDeclaration,loomUserType nextgroup=loomEnumBody skipwhite skipnl
syn region loomEnumBody   contained matchgroup=loomBrace start="{" end="}" fold contains=@loomComments,loomEnumCase
syn match  loomEnumCase   contained "\<\h\w*\>"

" resource Model at "/path" under Parent { crud … routes }
syn match  loomResourceHeader "\<resource\s\+\h\w*\%(\s\+at\>\)\=\%(\s*\"\%([^"\\]\|\\.\)*\"\=\)\=\%(\s\+under\s\+\h\w*\)\="
      \ contains=loomDeclaration,loomUserType,loomHeaderKeyword,loomRoutePath nextgroup=loomResourceBody skipwhite skipnl
syn region loomResourceBody contained matchgroup=loomBrace start="{" end="}" fold
      \ contains=@loomCommon,loomResourceKeyword,loomCrudOperation,loomResourceValue,loomHttpMethod
syn match  loomResourceKeyword contained "\.\@1<!\<\%(crud\|pagination\|tags\|deleteStatus\|filterable\|sortable\|profiles\)\>"
" On a route line: `status 202`, `profile withAddresses` (a field list may name a field `status` or `profile`).
syn match  loomResourceKeyword contained "\<status\>\ze\s\+\d"
syn match  loomResourceKeyword contained "\<profile\>\ze\s\+\l"
" After a pagination mode: `limit 20`, the page size.
syn match  loomResourceKeyword contained "\<limit\>\ze\s\+\d"
syn keyword loomCrudOperation contained create get list update delete
syn keyword loomResourceValue contained offset cursor fixed
" METHOD "/path" -> UseCase …: the first string of a route is its path.
syn keyword loomHttpMethod contained GET POST PUT PATCH DELETE nextgroup=loomRoutePath skipwhite

" usecase|job Name(parameters) -> Result readonly { statement* }; the body is optional. A region, so that a parameter
" list may span lines: the header ends at its `{`, a comment or the end of a line outside the parentheses.
syn region loomRoutineHeader matchgroup=loomDeclaration start="\<\%(usecase\|job\)\>\ze\s\+\h"
      \ end="\ze\%({\|//\|/\*\)" end="$"
      \ contains=loomUserType,loomBuiltinType,loomHeaderKeyword,loomOperator,loomNumber,loomParameters
      \ nextgroup=loomRoutineBody skipwhite skipnl
syn region loomParameters contained start="(" end=")"
      \ contains=loomUserType,loomBuiltinType,loomNumber,loomOperator,loomParameters,@loomComments
syn region loomRoutineBody contained matchgroup=loomBrace start="{" end="}" fold
      \ contains=@loomCommon,loomStatement,loomRoutineKeyword,loomRoutineValue,loomFunction,loomConditionKeyword,loomCaller
" Statements and job options begin their line.
syn match  loomStatement contained "\%(\%(^\|{\)\s*\)\@<=\<\%(require\|load\|exists\|compute\|unique\|rule\|check\|invoke\|dispatch\|uses\|queue\|retries\|backoff\|timeout\|priority\)\>"
syn match  loomRoutineKeyword contained "\.\@1<!\<\%(on\|when\|as\|profile\)\>\ze\s"
syn keyword loomRoutineValue contained fixed exponential
syn match  loomCaller contained "\.\@1<!\<caller\>"

" callback Name on success|failure of (all|any)? Job
syn match  loomCallbackHeader "\<callback\>[^/]*"
      \ contains=loomDeclaration,loomUserType,loomCallbackKeyword,loomCallbackValue
syn keyword loomCallbackKeyword contained on of
syn keyword loomCallbackValue   contained success failure all any

" service Name { method(parameters) -> Result }
syn match  loomServiceHeader "\<service\s\+\h\w*" contains=loomDeclaration,loomUserType
      \ nextgroup=loomServiceBody skipwhite skipnl
syn region loomServiceBody contained matchgroup=loomBrace start="{" end="}" fold contains=@loomCommon,loomFunction

" auth { field* jwt { issuer "…" audience "…" leeway N } }
syn match  loomAuthHeader "\<auth\>\ze\s*{" contains=loomDeclaration nextgroup=loomAuthBody skipwhite
syn region loomAuthBody contained matchgroup=loomBrace start="{" end="}" fold contains=@loomCommon,loomJwtHeader
syn match  loomJwtHeader contained "\<jwt\>\ze\s*{" nextgroup=loomJwtBody skipwhite
syn region loomJwtBody contained matchgroup=loomBrace start="{" end="}" fold
      \ contains=@loomComments,loomJwtKeyword,loomString,loomNumber
syn keyword loomJwtKeyword contained issuer audience leeway

" Braces no header claims (a signature split over lines, say) still fold and keep the context-free items.
syn region loomBlock matchgroup=loomBrace start="{" end="}" fold contains=@loomCommon,loomBlock

" --- Highlighting ---------------------------------------------------------------------------------------------------
" Context-specific groups link to a few loom* groups, so a colour scheme or user can restyle a family at once.
hi def link loomDeclaration      Keyword
hi def link loomKeyword          Keyword
hi def link loomHeaderKeyword    loomKeyword
hi def link loomProfileKeyword   loomKeyword
hi def link loomProfileMember    loomKeyword
hi def link loomRuleKeyword      loomKeyword
hi def link loomConditionKeyword loomKeyword
hi def link loomCacheClause      loomKeyword
hi def link loomThrough          loomKeyword
hi def link loomResourceKeyword  loomKeyword
hi def link loomRoutineKeyword   loomKeyword
hi def link loomCallbackKeyword  loomKeyword
hi def link loomJwtHeader        loomKeyword
hi def link loomJwtKeyword       loomKeyword
hi def link loomStatement        Statement
hi def link loomHttpMethod       Statement
hi def link loomConstant         Constant
hi def link loomRuleOperation    loomConstant
hi def link loomCrudOperation    loomConstant
hi def link loomResourceValue    loomConstant
hi def link loomRoutineValue     loomConstant
hi def link loomCallbackValue    loomConstant
hi def link loomEnumCase         loomConstant
hi def link loomBoolean          Boolean
hi def link loomNull             Constant
hi def link loomBuiltinType      Type
hi def link loomUserType         Structure
hi def link loomAttribute        PreProc
hi def link loomModelAttribute   PreProc
hi def link loomString           String
hi def link loomEscape           SpecialChar
hi def link loomRoutePath        Special
hi def link loomPathParam        Identifier
hi def link loomNumber           Number
hi def link loomDuration         Number
hi def link loomComment          Comment
hi def link loomBlockComment     Comment
hi def link loomDocComment       SpecialComment
hi def link loomTodo             Todo
hi def link loomOperator         Operator
hi def link loomBuiltinVar       Identifier
hi def link loomCaller           Identifier
hi def link loomFunction         Function
hi def link loomBrace            Delimiter

let b:current_syntax = 'loom'

let &cpo = s:cpo_save
unlet s:cpo_save
